package io.ringfence.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became durable in each second of a run, and the oldest event among it: a percentile says how
 * long the tail is, this says when it happened, to set beside the service's GC log and its own log.
 * Written by the watcher's thread only; read once it has stopped.
 */
final class Timeline {
    /** Runs longer than this fold their later seconds into the last one. */
    static final int MAX_SECONDS = 7_200;

    private final long originNanos;
    private final long[] durable = new long[MAX_SECONDS];
    private final long[] worstNanos = new long[MAX_SECONDS];
    private int seconds;

    Timeline(long originNanos) {
        this.originNanos = originNanos;
    }

    /** {@code count} events became durable at {@code nowNanos}, the oldest of them {@code ageNanos} after it was sent. */
    void durable(long nowNanos, long count, long ageNanos) {
        int second = (int) Math.max(0, Math.min(MAX_SECONDS - 1, (nowNanos - originNanos) / 1_000_000_000L));
        durable[second] += count;
        worstNanos[second] = Math.max(worstNanos[second], ageNanos);
        seconds = Math.max(seconds, second + 1);
    }

    long durableAt(int second) {
        return durable[second];
    }

    int seconds() {
        return seconds;
    }

    /** For the report: two arrays indexed by the second since the service was ready. */
    Map<String, Object> summary() {
        long[] counts = new long[seconds];
        double[] worst = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            counts[i] = durable[i];
            worst[i] = Math.round(worstNanos[i] / 100_000.0) / 10.0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", "the service ready (second 0)");
        m.put("eventsDurable", counts);
        m.put("oldestEventToDurableMs", worst);
        return m;
    }
}
