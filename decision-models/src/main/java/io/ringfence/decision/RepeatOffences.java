package io.ringfence.decision;

import io.ringfence.detection.Subject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How often a target was acted on within the repeat window: the third SIM-box incident on one line
 * within a month is not the first. Bounded: at most a few times per target, and targets with
 * nothing in the window are forgotten.
 */
final class RepeatOffences {
    private static final int KEEP_PER_TARGET = 8;
    private static final int SWEEP_EVERY = 4096;
    private final long windowMillis;
    private final Map<Subject, Deque<Long>> times = new HashMap<>();
    private int untilSweep = SWEEP_EVERY;

    RepeatOffences(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    int count(Subject target, long nowMillis) {
        Deque<Long> t = times.get(target);
        if (t == null) {
            return 0;
        }
        int n = 0;
        for (long at : t) {
            if (nowMillis - at <= windowMillis) {
                n++;
            }
        }
        return n;
    }

    void record(Subject target, long nowMillis) {
        Deque<Long> t = times.computeIfAbsent(target, k -> new ArrayDeque<>(2));
        t.addLast(nowMillis);
        while (t.size() > KEEP_PER_TARGET) {
            t.removeFirst();
        }
        if (--untilSweep == 0) {
            untilSweep = SWEEP_EVERY;
            times.values().removeIf(d -> nowMillis - d.peekLast() > windowMillis);
        }
    }
}
