package io.ringfence.loadtest;

import io.ringfence.config.DecisionSetup;
import io.ringfence.config.DetectionSetup;
import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.RuleSet;
import io.ringfence.features.FeatureTracker;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataRepository;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much heap one partition's state takes for N active subscribers: each makes a call, sends an
 * SMS and uses data (handset, cell, numbers) within two hours (or {@code -Dspan.hours}), through the same stages a partition
 * runs (enrich with profiles and handset timelines, rolling features, the CEP session, the decider).
 * Measured twice after full collections: with the events still in the CEP windows, and after the
 * clock moves past every retention, when what is left is the subscribers' own state. Not part of
 * the build (not a *Test); run with
 * {@code mvn -o -pl app test -Dtest=SubscriberStateBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsurefire.argLine=-Xmx2g -Dsubscribers=1000000}. Figures also go to target/subscriber-state.txt.
 */
class SubscriberStateBenchmark {
    private static final long START = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    @Test
    void subscriberStateFitsTheHeap() throws Exception {
        int n = Integer.getInteger("subscribers", 100_000);
        RuleSet rules = DetectionSetup.compileRules(null);
        ReferenceDataRepository reference = DetectionSetup.loadReference(null, null);
        DecisionAssets assets = DecisionSetup.assets(null, null);
        FeatureTracker features = new FeatureTracker();
        AlertDecisions decisions = new AlertDecisions(new Decider(assets, features, DecisionSetup.segments(null),
                rules.version(), rules.parameters().millis("decision.repeatPeriod")));
        EventParser parser = new EventParser();
        long baseline = usedAfterGc();
        long started = System.nanoTime();
        StringBuilder report = new StringBuilder();
        try (DetectionPipeline pipeline = new DetectionPipeline(rules, reference, decisions, features::observe)) {
            // Two hours by default: every subscriber's events are still in the windows at the first measure. A day
            // (-Dspan.hours=24) keeps only the last retention's worth there, as live traffic would.
            long span = Long.getLong("span.hours", 2) * 3_600_000L;
            for (int i = 0; i < n; i++) {
                long t = START + span * i / n;
                for (String json : events(i, t)) {
                    ParseResult r = parser.parse(json.getBytes(StandardCharsets.UTF_8));
                    assertThat(r).isInstanceOf(ParseResult.Accepted.class);
                    pipeline.process(((ParseResult.Accepted) r).event());
                }
                decisions.drainMuted();
            }
            long loaded = usedAfterGc() - baseline;
            double seconds = (System.nanoTime() - started) / 1e9;
            report.append(line("subscribers", n)).append(line("events", 3L * n))
                    .append(line("event-time span (hours)", span / 3_600_000L))
                    .append(line("events/s through the stages", Math.round(3L * n / seconds)))
                    .append(line("profiles", pipeline.profileCount()))
                    .append(line("facts in the CEP session", pipeline.factCount()))
                    .append(line("heap with the events in the windows (MB)", loaded >> 20))
                    .append(line("bytes per subscriber, events included", loaded / n))
                    .append(histogram(20));
            // One event five hours later: every window and retention lapses, the subscribers' state stays.
            for (String json : events(n, START + span + 5 * 3_600_000L)) {
                ParseResult r = parser.parse(json.getBytes(StandardCharsets.UTF_8));
                pipeline.process(((ParseResult.Accepted) r).event());
            }
            decisions.drainMuted();
            long state = usedAfterGc() - baseline;
            report.append(line("facts in the CEP session after the retention", pipeline.factCount()))
                    .append(line("heap of the subscribers' state (MB)", state >> 20))
                    .append(line("bytes per subscriber", state / n))
                    .append(line("max heap (MB)", Runtime.getRuntime().maxMemory() >> 20))
                    .append(histogram(25));
        }
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "subscriber-state.txt"), report);
    }

    /** A call, an SMS and a data session of subscriber {@code i}, a few seconds apart. */
    private static String[] events(int i, long t) {
        String msisdn = String.format(Locale.ROOT, "+4477%08d", i);
        String imsi = String.format(Locale.ROOT, "23415%010d", i);
        String imei = String.format(Locale.ROOT, "86730205%07d", i);
        String cell = "234-15-" + (1000 + i % 97) + "-" + (10000 + i % 4099);
        String peer = String.format(Locale.ROOT, "+4477%08d", (i * 7919L + 13) % 50_000);
        return new String[] {
            "{\"eventId\":\"v" + i + "\",\"type\":\"VOICE\",\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"subscriber\":\""
                + msisdn + "\",\"direction\":\"MO\",\"aNumber\":\"" + msisdn + "\",\"bNumber\":\"" + peer + "\",\"imsi\":\""
                + imsi + "\",\"imei\":\"" + imei + "\",\"cellId\":\"" + cell + "\",\"answered\":true,\"ringSeconds\":6.5,"
                + "\"durationSeconds\":74,\"roaming\":false}",
            "{\"eventId\":\"s" + i + "\",\"type\":\"SMS\",\"timestamp\":\"" + Instant.ofEpochMilli(t + 1) + "\",\"subscriber\":\""
                + msisdn + "\",\"direction\":\"MO\",\"aNumber\":\"" + msisdn + "\",\"bNumber\":\"" + peer + "\",\"roaming\":false}",
            "{\"eventId\":\"d" + i + "\",\"type\":\"DATA\",\"timestamp\":\"" + Instant.ofEpochMilli(t + 2) + "\",\"subscriber\":\""
                + msisdn + "\",\"imsi\":\"" + imsi + "\",\"imei\":\"" + imei + "\",\"cellId\":\"" + cell
                + "\",\"bytesUp\":43626,\"bytesDown\":3260442,\"roaming\":false}"};
    }

    /** The biggest classes on the heap (what jmap -histo:live prints), to see whose state it is. */
    private static String histogram(int rows) throws Exception {
        String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        return String.join("\n", java.util.Arrays.asList(h.split("\n")).subList(0, Math.min(rows + 2, h.split("\n").length))) + "\n";
    }

    private static String line(String what, long value) {
        return String.format(Locale.ROOT, "%-48s %,d%n", what, value);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
