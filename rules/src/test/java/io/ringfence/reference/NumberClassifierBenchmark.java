package io.ringfence.reference;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.CdrEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Country code and type of a number seen for the first time (NumberIntel's cache bypassed):
 * {@code library}, libphonenumber's {@code parse} + {@code getNumberType} as NumberIntel called them
 * before; {@code automata}, {@link NumberClassifier}, library fallbacks included. Numbers:
 * {@code day}, the distinct numbers NumberIntel sees in a simulated day (A- and B-numbers, SIP
 * callees, forward-to numbers); {@code random}, random digits after a random calling code, 4 to 17
 * digits in all; {@code intel}, {@link NumberIntel#info} as the enrich stage calls it. Run with
 * {@code mvn -q -pl rules test-compile exec:exec@jmh -Djmh.benchmark=NumberClassifierBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Threads(1)
public class NumberClassifierBenchmark {
    @Param({"day", "random"})
    public String numbers;

    private String[] sample;
    private NumberClassifier classifier;
    private NumberIntel intel;
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        sample = "day".equals(numbers) ? simulatedDay() : random();
        classifier = new NumberClassifier();
        intel = new NumberIntel(ReferenceDataLoader.defaults().load());
    }

    @TearDown(Level.Trial)
    public void report() {
        if (classifier.classified() > 0) {
            System.out.printf("%n%,d distinct numbers; %,d of %,d classifications (%.3f %%) answered by libphonenumber%n",
                    sample.length, classifier.askedLibrary(), classifier.classified(),
                    100.0 * classifier.askedLibrary() / classifier.classified());
        }
    }

    @Benchmark
    public int library() {
        return NumberClassifier.byLibrary(number());
    }

    @Benchmark
    public int automata() {
        return classifier.classify(number());
    }

    /** What the enrich stage pays per number: the automata, the range trie and the test-number set. */
    @Benchmark
    public Object intel() {
        return intel.info(number());
    }

    private String number() {
        String n = sample[next];
        next = next + 1 == sample.length ? 0 : next + 1;
        return n;
    }

    /** The same day as DetectionSessionBenchmark's. */
    private static String[] simulatedDay() {
        Set<String> distinct = new LinkedHashSet<>();
        for (TelecomEvent e : new TrafficSimulator(new SimulationConfig(20261127L, 6_000,
                SimulationConfig.DEFAULT_START, 24, 3))) {
            if (e instanceof CdrEvent cdr) {
                distinct.add(cdr.getANumber());
                distinct.add(cdr.getBNumber());
            } else if (e instanceof SipEvent sip && sip.getToUri() != null) {
                String uri = sip.getToUri();
                int start = uri.indexOf(':') + 1;
                int end = uri.indexOf('@', start);
                distinct.add(end < 0 ? uri.substring(start) : uri.substring(start, end));
            } else if (e instanceof CallForwardEvent cf) {
                distinct.add(cf.getForwardTo());
            }
        }
        distinct.remove(null);
        return distinct.toArray(String[]::new);
    }

    private static String[] random() {
        List<Integer> codes = new ArrayList<>(PhoneNumberUtil.getInstance().getSupportedCallingCodes());
        codes.sort(null);
        SplittableRandom rnd = new SplittableRandom(20261127L);
        String[] out = new String[200_000];
        for (int i = 0; i < out.length; i++) {
            StringBuilder s = new StringBuilder("+").append(codes.get(rnd.nextInt(codes.size())));
            int digits = 4 + rnd.nextInt(14);
            while (s.length() - 1 < digits) {
                s.append((char) ('0' + rnd.nextInt(10)));
            }
            out[i] = s.toString();
        }
        return out;
    }
}
