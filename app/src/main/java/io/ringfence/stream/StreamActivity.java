package io.ringfence.stream;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * This instance's stream, minute by minute over the last day, for the console's dashboard: events
 * accepted and the end-to-end decision latency as a histogram. Prometheus keeps the long history and
 * the cluster's sum; this answers "how is it going" without one, from the service alone. Latency
 * percentiles are the upper bounds of the histogram's buckets.
 */
@Component
public class StreamActivity {
    /** Upper bounds (ms) of the latency buckets, the last open-ended. */
    static final long[] BOUNDS_MS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_000,
            3_000, 5_000, 7_500, 10_000, 15_000, 30_000, 60_000, Long.MAX_VALUE};
    static final int MINUTES = 24 * 60;
    /** What a percentile in the open-ended bucket reads: more than the last bound, not at most it. */
    public static final long OVER_A_MINUTE = 60_001;

    private final Clock clock;
    private final long[] minute = new long[MINUTES];
    private final long[] events = new long[MINUTES];
    private final long[][] latency = new long[MINUTES][BOUNDS_MS.length];

    public StreamActivity() {
        this(Clock.systemUTC());
    }

    StreamActivity(Clock clock) {
        this.clock = clock;
        java.util.Arrays.fill(minute, -1);
    }

    /** One minute of the window: its start and the events accepted in it. */
    public record Point(Instant at, long events) {
    }

    /**
     * @param p50Ms null when no decision was sent in the window
     */
    public record Window(long events, List<Point> series, long decisionsTimed, Long p50Ms, Long p95Ms, Long p99Ms) {
    }

    synchronized void accepted(long n) {
        events[slot(nowMinute())] += n;
    }

    synchronized void decisionLatency(long millis) {
        long[] h = latency[slot(nowMinute())];
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (millis <= BOUNDS_MS[i]) {
                h[i]++;
                return;
            }
        }
    }

    /**
     * From {@code from} to {@code to} (whole minutes; what is older than a day reads as nothing), in steps
     * of {@code step} whole minutes, oldest first.
     */
    public synchronized Window window(Instant from, Instant to, Duration step) {
        long now = nowMinute();
        long first = Math.floorDiv(from.toEpochMilli(), 60_000L);
        long end = Math.floorDiv(to.toEpochMilli(), 60_000L);
        int stepMinutes = (int) Math.max(1, step.toMinutes());
        List<Point> series = new ArrayList<>();
        long total = 0;
        long[] hist = new long[BOUNDS_MS.length];
        for (long start = first; start < end; start += stepMinutes) {
            long inStep = 0;
            for (long m = start; m < start + stepMinutes && m < end; m++) {
                int s = (int) Math.floorMod(m, (long) MINUTES);
                if (m > now || m <= now - MINUTES || minute[s] != m) {
                    continue;
                }
                inStep += events[s];
                for (int i = 0; i < hist.length; i++) {
                    hist[i] += latency[s][i];
                }
            }
            total += inStep;
            series.add(new Point(Instant.ofEpochSecond(start * 60), inStep));
        }
        long timed = 0;
        for (long c : hist) {
            timed += c;
        }
        return new Window(total, series, timed, percentile(hist, timed, 0.50), percentile(hist, timed, 0.95),
                percentile(hist, timed, 0.99));
    }

    private static Long percentile(long[] hist, long count, double q) {
        if (count == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < hist.length; i++) {
            seen += hist[i];
            if (seen >= rank) {
                return BOUNDS_MS[i] == Long.MAX_VALUE ? OVER_A_MINUTE : BOUNDS_MS[i];
            }
        }
        return BOUNDS_MS[BOUNDS_MS.length - 2];
    }

    private long nowMinute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }

    /** The slot of the minute, emptied first if it last held an older minute. */
    private int slot(long m) {
        int s = (int) Math.floorMod(m, (long) MINUTES);
        if (minute[s] != m) {
            minute[s] = m;
            events[s] = 0;
            java.util.Arrays.fill(latency[s], 0);
        }
        return s;
    }
}
