package io.ringfence.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one harness run measured: the JSON report, a readable summary, and the one line to compare runs by. */
@SuppressWarnings("unchecked")
final class LoadReport {
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final int targetRate;
    private double windowEventsPerSecond;
    private double decisionP99 = Double.NaN;
    private double rawPerSecond;
    private double floorPerSecond = Double.NaN;
    private long produced;
    private String summary = "";

    LoadReport(LoadTestCommand c, String loadBefore) {
        this.targetRate = c.rate;
        json.put("date", Instant.now().toString());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate", c.rate == 0 ? "max" : c.rate);
        config.put("rampSeconds", c.ramp);
        config.put("warmupSeconds", c.warmup);
        config.put("durationSeconds", c.duration);
        config.put("subscribers", c.subscribers);
        config.put("incidentsPerKind", c.incidents);
        config.put("hours", c.hours);
        config.put("seed", c.seed);
        config.put("partitions", c.partitions);
        config.put("instances", c.instances);
        config.put("preload", c.preload);
        config.put("maxEvents", c.maxEvents == Long.MAX_VALUE ? null : c.maxEvents);
        config.put("serviceHeap", c.serviceHeap);
        config.put("serviceJvmArgs", c.serviceJvmArgs);
        config.put("serviceArgs", c.serviceArgs);
        json.put("config", config);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.runtime.version"));
        machine.put("loadAverageBefore", loadBefore);
        json.put("machine", machine);
    }

    void feed(Feed feed, long windowNanos, long durableInWindow) {
        produced = feed.produced();
        double seconds = (feed.endedNanos() - feed.startedNanos()) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("produced", produced);
        m.put("seconds", round(seconds));
        m.put("eventsPerSecond", Math.round(produced / seconds));
        m.put("simulatedDayExhausted", feed.dayOver());
        json.put("feed", m);
        if (feed.failure() != null) {
            problems.add("the producer failed: " + feed.failure());
        }
        if (feed.offsetMismatches() > 0) {
            problems.add(feed.offsetMismatches() + " records landed at another offset than expected: latencies are unreliable");
        }
        windowEventsPerSecond = durableInWindow / (windowNanos / 1e9);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("seconds", round(windowNanos / 1e9));
        w.put("eventsDurable", durableInWindow);
        w.put("eventsPerSecond", Math.round(windowEventsPerSecond));
        json.put("window", w);
    }

    void cpu(Map<String, Object> perParty) {
        ((Map<String, Object>) json.get("window")).put("cpu", perParty);
    }

    void jvm(Map<String, Object> serviceJvm) {
        ((Map<String, Object>) json.get("window")).put("serviceJvm", serviceJvm);
    }

    void drained(long durable, double secondsFromFirstSend, long emittedDecisions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventsDurable", durable);
        m.put("secondsFromFirstSendToLastDurable", round(secondsFromFirstSend)); // preloaded: from the service ready
        m.put("eventsPerSecondOverall", Math.round(durable / secondsFromFirstSend));
        m.put("decisionsEmittedPerAudit", emittedDecisions);
        json.put("drain", m);
        if (durable < produced) {
            problems.add("only " + durable + " of " + produced + " events became durable before the drain timeout");
        }
    }

    void service(Map<String, Double> metrics) {
        json.put("serviceMetrics", metrics);
    }

    void watchers(DurableWatcher durable, DecisionWatcher decisions) {
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("eventToDurable", durable.events().summary());
        lat.put("eventToDecisionOnTopic", decisions.latency().summary());
        lat.put("eventToAuditRowCommitted", durable.audit().summary());
        lat.put("pollIntervalMs", DurableWatcher.POLL_NANOS / 1_000_000);
        json.put("latency", lat);
        json.put("timeline", durable.timeline().summary());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("onTopic", decisions.received());
        d.put("auditRows", durable.auditRows());
        json.put("decisions", d);
        decisionP99 = decisions.latency().millis(99);
        if (durable.failure() != null) {
            problems.add("watching the database failed: " + durable.failure());
        }
        if (decisions.failure() != null) {
            problems.add("watching fraud.decisions failed: " + decisions.failure());
        }
        summary = "  event -> durable (all events):        " + durable.events().line() + "\n"
                + "  event -> decision on fraud.decisions: " + decisions.latency().line() + "\n"
                + "  event -> audit row committed:         " + durable.audit().line() + "\n";
    }

    void raw(RawConsume.Result raw) {
        rawPerSecond = raw.perSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", raw.events());
        m.put("seconds", round(raw.seconds()));
        m.put("eventsPerSecond", Math.round(rawPerSecond));
        json.put("rawConsume", m);
        json.put("ratio", round3(ratio()));
        json.put("line", line());
        json.put("loadAverageAfter", loadAverage());
        json.put("problems", problems);
    }

    void floorFailed(Exception e) {
        problems.add("the durable floor could not be measured: " + e);
    }

    void floor(DurableFloor.Result floor) {
        floorPerSecond = floor.perSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", floor.events());
        m.put("seconds", round(floor.seconds()));
        m.put("eventsPerSecond", Math.round(floorPerSecond));
        if (!floor.cpu().isEmpty()) {
            m.put("cpu", floor.cpu());
        }
        m.put("wholeRunFromLaunch", floor.wholeRun());
        m.put("eventsStored", floor.stored());
        m.put("decisions", floor.decisions());
        json.put("floor", m);
        if (floor.events() <= 0) {
            problems.add("the durable floor made no event durable in its window");
        }
        if (floor.decisions() != 0) {
            problems.add("the durable floor decided " + floor.decisions() + " times: detection was not off");
        }
    }

    private double ratio() {
        return rawPerSecond == 0 ? 0 : windowEventsPerSecond / rawPerSecond;
    }

    /** The line runs are compared by; the format is fixed (docs/benchmarks.md); {@code -} for a floor not measured. */
    String line() {
        return String.format(Locale.ROOT, "e2e events_per_s=%d p99_ms=%.1f at_rate=%s raw_consume_per_s=%d ratio=%.3f"
                        + " floor_per_s=%s ratio_floor=%s",
                Math.round(windowEventsPerSecond), decisionP99, targetRate == 0 ? "max" : String.valueOf(targetRate),
                Math.round(rawPerSecond), ratio(), Double.isNaN(floorPerSecond) ? "-" : String.valueOf(Math.round(floorPerSecond)),
                Double.isNaN(floorPerSecond) || floorPerSecond == 0 ? "-"
                        : String.format(Locale.ROOT, "%.3f", windowEventsPerSecond / floorPerSecond));
    }

    boolean complete() {
        return problems.isEmpty();
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    void print(PrintWriter out) {
        out.println("loadtest: produced " + produced + " events; " + json.get("window") + " in the measured window; "
                + json.get("drain"));
        out.print(summary);
        Object cpu = ((Map<String, Object>) json.get("window")).get("cpu");
        if (cpu != null) {
            out.println("  CPU in the window: " + cpu);
        }
        Object jvm = ((Map<String, Object>) json.get("window")).get("serviceJvm");
        if (jvm != null) {
            out.println("  the service's JVM in the window: " + jvm);
        }
        if (json.containsKey("floor")) {
            out.println("  durable floor (no detection): " + json.get("floor"));
        }
        out.println("  raw consume: " + json.get("rawConsume"));
        problems.forEach(p -> out.println("  PROBLEM: " + p));
        out.println(line());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
