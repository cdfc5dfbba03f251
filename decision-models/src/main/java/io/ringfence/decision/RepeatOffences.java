package io.ringfence.decision;

import io.ringfence.detection.Subject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How often a target was blocked within the repeat period: the third SIM-box incident on one line
 * within a month is not the first. One count per incident (an escalation of the same alert is not a
 * repeat). Bounded: a few incidents per target, and targets with nothing in the period are forgotten.
 */
final class RepeatOffences {
    private record Offence(long atMillis, String alertId) {
    }

    private static final int KEEP_PER_TARGET = 8;
    private static final int SWEEP_EVERY = 4096;
    private final long periodMillis;
    private final Map<Subject, Deque<Offence>> offences = new HashMap<>();
    private int untilSweep = SWEEP_EVERY;

    RepeatOffences(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    /** Incidents other than {@code alertId} blocked on the target within the period before {@code nowMillis}. */
    int count(Subject target, String alertId, long nowMillis) {
        Deque<Offence> d = offences.get(target);
        if (d == null) {
            return 0;
        }
        int n = 0;
        for (Offence o : d) {
            if (nowMillis - o.atMillis() <= periodMillis && !o.alertId().equals(alertId)) {
                n++;
            }
        }
        return n;
    }

    void record(Subject target, String alertId, long nowMillis) {
        Deque<Offence> d = offences.computeIfAbsent(target, k -> new ArrayDeque<>(2));
        if (d.stream().anyMatch(o -> o.alertId().equals(alertId))) {
            return;
        }
        d.addLast(new Offence(nowMillis, alertId));
        while (d.size() > KEEP_PER_TARGET) {
            d.removeFirst();
        }
        if (--untilSweep == 0) {
            untilSweep = SWEEP_EVERY;
            offences.values().removeIf(q -> nowMillis - q.peekLast().atMillis() > periodMillis);
        }
    }
}
