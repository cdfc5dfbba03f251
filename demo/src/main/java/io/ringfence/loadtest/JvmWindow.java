package io.ringfence.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the service's JVM did in the measured window, from its own meters at the window's two ends: time in collector
 * pauses, time compiling (the JIT) and bytes allocated. Two runs of the same command that differ in throughput differ
 * here when the cause is the JVM (a JIT still compiling, a collector copying more) rather than the work.
 */
final class JvmWindow {
    static final String GC_PAUSE_SUM = "jvm_gc_pause_seconds_sum";
    static final String GC_PAUSE_COUNT = "jvm_gc_pause_seconds_count";
    static final String JIT_MILLIS = "jvm_compilation_time_ms_total";
    static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";

    private JvmWindow() {
    }

    /** @param instances how many services the meters were added up over (their pauses overlap in wall time) */
    static Map<String, Object> between(Map<String, Double> start, Map<String, Double> end, double seconds, long events,
                                       int instances) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (start.containsKey("unavailable") || end.containsKey("unavailable")) {
            m.put("unavailable", "the meters of an instance could not be read at one end of the window");
            return m;
        }
        double pauses = delta(start, end, GC_PAUSE_SUM);
        m.put("gcPauseSeconds", round(pauses, 3));
        m.put("gcPauses", Math.round(delta(start, end, GC_PAUSE_COUNT)));
        m.put("gcPauseShareOfWindow", round(pauses / instances / seconds, 3));
        m.put("jitCompilingSeconds", round(delta(start, end, JIT_MILLIS) / 1000, 1));
        // Micrometer counts allocation when a collection ends: a window without one shows none, and each end may be
        // a young generation off per instance.
        double allocated = delta(start, end, ALLOCATED);
        m.put("allocatedMBPerSecond", round(allocated / 1e6 / seconds, 1));
        m.put("allocatedBytesPerEvent", events == 0 ? null : Math.round(allocated / events));
        return m;
    }

    /** Summed over every label set of the metric (each collector, cause and action). */
    private static double delta(Map<String, Double> start, Map<String, Double> end, String metric) {
        return sum(end, metric) - sum(start, metric);
    }

    private static double sum(Map<String, Double> meters, String metric) {
        double total = 0;
        for (Map.Entry<String, Double> e : meters.entrySet()) {
            String k = e.getKey();
            if ((k.equals(metric) || k.startsWith(metric + "{")) && !e.getValue().isNaN()) {
                total += e.getValue();
            }
        }
        return total;
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
