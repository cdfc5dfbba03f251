package io.ringfence.simulator;

import io.ringfence.label.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What a scenario writer needs: randomness, event and number factories, the base, and the labels. */
final class Script {
    static final long SEC = 1000;
    static final long MIN = 60 * SEC;
    static final long HOUR = 60 * MIN;

    final SplittableRandom rnd;
    final EventFactory f;
    final Numbers numbers;
    final long start;
    final long end;
    final List<OrdinaryActor> base;
    final List<Label> labels = new ArrayList<>();
    final List<ScriptedActor> actors = new ArrayList<>();
    private final java.util.Set<Integer> usedVictims = new java.util.HashSet<>();
    private int nextSpecialIndex;
    private int incident;

    Script(SplittableRandom rnd, EventFactory f, Numbers numbers, long start, long end, List<OrdinaryActor> base) {
        this.rnd = rnd;
        this.f = f;
        this.numbers = numbers;
        this.start = start;
        this.end = end;
        this.base = base;
        this.nextSpecialIndex = base.size() + 1000;
    }

    /**
     * An incident's start: a random instant between the two hours of a random day of the period. Only a
     * period of two days or more draws the day, so a one-day simulation stays what it was for a seed
     * (the shipped model is trained on one); a longer one has fraud on every day, not only the first.
     */
    long at(double fromHour, double toHour) {
        int days = (int) ((end - start) / (24 * HOUR));
        long day = days > 1 ? rnd.nextInt(days) : 0;
        return start + day * 24 * HOUR + (long) ((fromHour + rnd.nextDouble() * (toHour - fromHour)) * HOUR);
    }

    long between(long fromMillis, long toMillis) {
        return fromMillis + (long) (rnd.nextDouble() * (toMillis - fromMillis));
    }

    int between(int from, int toInclusive) {
        return from + rnd.nextInt(toInclusive - from + 1);
    }

    double between(double from, double to) {
        return from + rnd.nextDouble() * (to - from);
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** An ordinary subscriber not yet touched by another scenario. */
    OrdinaryActor victim() {
        if (usedVictims.size() * 2 >= base.size()) {
            throw new IllegalArgumentException("too few subscribers for this many incidents: use more subscribers");
        }
        while (true) {
            int i = rnd.nextInt(base.size());
            if (usedVictims.add(i)) {
                return base.get(i);
            }
        }
    }

    /** A line outside the ordinary base, for scripted subscribers (SIM boxes, new lines, travellers). */
    Identity newLine() {
        return numbers.identity(nextSpecialIndex++);
    }

    ScriptedActor actor() {
        ScriptedActor a = new ScriptedActor();
        actors.add(a);
        return a;
    }

    void fraud(String typology, String subjectKind, String subjectValue, String subscriber, long from, long to) {
        labels.add(new Label("INC-" + (++incident), Label.FRAUD, typology, subjectKind, subjectValue, subscriber, from, to));
    }

    void lookalike(String kind, String subscriber, long from, long to) {
        labels.add(new Label("INC-" + (++incident), Label.LOOKALIKE, kind, null, null, subscriber, from, to));
    }
}
