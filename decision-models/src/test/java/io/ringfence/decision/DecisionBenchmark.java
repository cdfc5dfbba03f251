package io.ringfence.decision;

import io.ringfence.contract.DispositionInput;

import io.ringfence.detection.Alert;
import io.ringfence.detection.RuleMatch;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;
import io.ringfence.features.FeatureTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Evaluations per second on one thread: the shipped disposition model alone over varied inputs
 * ({@code dmn}), and the whole decide stage for an alert: features, PMML score, DMN, block
 * bookkeeping ({@code decide}). Run with {@code mvn -q -pl decision-models test-compile exec:exec@jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class DecisionBenchmark {
    private static final long T0 = 1_772_445_600_000L;
    private DecisionModel model;
    private DispositionInput[] inputs;
    private Decider decider;
    private Alert[] alerts;
    private int next;

    @Setup
    public void setUp() {
        model = DecisionModel.shipped();
        SplittableRandom rnd = new SplittableRandom(1);
        Typology[] typologies = Typology.values();
        Subject.Kind[] kinds = Subject.Kind.values();
        String[] segments = {"CONSUMER", "CONSUMER", "CONSUMER", "BUSINESS", "VIP", "TEST"};
        inputs = new DispositionInput[1024];
        alerts = new Alert[1024];
        for (int i = 0; i < inputs.length; i++) {
            Typology t = typologies[rnd.nextInt(typologies.length)];
            Severity s = rnd.nextBoolean() ? Severity.HIGH : Severity.CRITICAL;
            inputs[i] = new DispositionInput(t.name(), t.name() + "-001", s.name(), rnd.nextDouble(),
                    kinds[rnd.nextInt(kinds.length)].name(), segments[rnd.nextInt(segments.length)],
                    rnd.nextDouble(400), rnd.nextInt(3), rnd.nextDouble(1000), rnd.nextBoolean() ? "NONE" : "FOREIGN");
            String msisdn = "+4477" + (10_000_000 + i);
            alerts[i] = new Alert("bench-" + i, new RuleMatch(t.name() + "-001", "1.0", t, s,
                    Subject.subscriber(msisdn), msisdn, T0, T0, T0, List.of("e" + i), Map.of("calls", i)));
        }
        decider = new Decider(DecisionAssets.shipped(), new FeatureTracker(), CustomerSegments.shipped(), "bench",
                Duration.ofDays(30).toMillis());
    }

    @Benchmark
    public Disposition dmn() {
        DispositionInput in = inputs[next];
        next = (next + 1) & (inputs.length - 1);
        return model.decide(in);
    }

    @Benchmark
    public Decider.Outcome decide() {
        Alert a = alerts[next];
        next = (next + 1) & (alerts.length - 1);
        // A new alert id each time would grow the decider's maps; closing keeps the state flat.
        Decider.Outcome o = decider.raised(a, T0 + next);
        decider.closed(a);
        return o;
    }
}
