package io.ringfence.detection;

import io.ringfence.event.TelecomEvent;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Events per second into the CEP session with all shipped rules, on one thread, over a simulated day
 * in event-time order (its frauds and look-alikes included, so the windows and joins do real work).
 * {@code insert}: the session alone (insert, advance the pseudo clock, fire), events enriched
 * beforehand; {@code pipeline}: enrich and insert, as each driver runs it. Each iteration starts a new
 * session at the start of the day, so the windows fill as they would in production.
 * Run with {@code mvn -q -pl rules test-compile exec:exec@jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Threads(1)
public class DetectionSessionBenchmark {
    private static final AlertListener QUIET = new AlertListener() { };

    private RuleSet rules;
    private ReferenceDataRepository reference;
    private List<TelecomEvent> day;
    private DetectionSession session;
    private DetectionPipeline pipeline;
    private int next;

    @Setup(Level.Trial)
    public void simulate() {
        rules = RuleSetCompiler.compileDefault();
        reference = new ReferenceDataRepository(ReferenceDataLoader.defaults());
        day = new ArrayList<>();
        // About 600,000 events: more than an iteration consumes, so no iteration wraps around the day
        // (300,000 ran out once the session passed 150,000 events/s).
        new TrafficSimulator(new SimulationConfig(20261127L, 12_000, SimulationConfig.DEFAULT_START, 24, 3))
                .forEach(day::add);
        // Enriched once, so that insert() measures the session alone.
        try (DetectionPipeline p = new DetectionPipeline(rules, reference, QUIET)) {
            day.forEach(p::process);
        }
    }

    @Setup(Level.Iteration)
    public void freshSession() {
        session = new DetectionSession(rules, QUIET);
        pipeline = new DetectionPipeline(rules, reference, QUIET);
        next = 0;
    }

    @TearDown(Level.Iteration)
    public void close() {
        session.close();
        pipeline.close();
    }

    @Benchmark
    public long insert() {
        session.insert(event());
        return session.inserted();
    }

    @Benchmark
    public boolean pipeline() {
        return pipeline.process(event());
    }

    private TelecomEvent event() {
        if (next == day.size()) {
            throw new IllegalStateException("the day ran out: simulate more events for this machine");
        }
        return day.get(next++);
    }
}
