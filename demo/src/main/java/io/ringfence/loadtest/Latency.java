package io.ringfence.loadtest;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** One latency distribution, recorded in microseconds by a single thread and read once it has stopped. */
final class Latency {
    private final Histogram histogram = new Histogram(3_600_000_000L, 3);

    void record(long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos / 1_000, histogram.getHighestTrackableValue())));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** Milliseconds at a percentile; NaN when nothing was recorded. */
    double millis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count());
        m.put("p50_ms", round(millis(50)));
        m.put("p90_ms", round(millis(90)));
        m.put("p99_ms", round(millis(99)));
        m.put("p999_ms", round(millis(99.9)));
        m.put("max_ms", round(maxMillis()));
        return m;
    }

    String line() {
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.1f p99=%.1f p99.9=%.1f max=%.1f ms", count(),
                millis(50), millis(99), millis(99.9), maxMillis());
    }

    static Object round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
