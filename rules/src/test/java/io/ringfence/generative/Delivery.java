package io.ringfence.generative;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How records reach Ringfence: mostly in event-time order, but mediation batches some late (minutes,
 * sometimes past the rules' retention), a few swap places with their neighbours, collectors redeliver
 * some (at once, or much later), and an element with a wrong clock misdates a few: hours or days ahead
 * (past the admission limit or not) or days behind.
 */
record Delivery(double lateShare, double jitterShare, double duplicateShare, int clockJumps) {
    private static final long MINUTE = 60_000;

    static Delivery random(Net net) {
        return net.chance(0.15) ? new Delivery(0, 0, 0, 0)
                : new Delivery(net.between(0.0, 0.1), net.between(0.0, 0.2), net.between(0.0, 0.05),
                net.chance(0.5) ? net.between(1, 4) : 0);
    }

    /** The lines in arrival order, and which are immediate copies of the line before them. */
    GeneratedDay deliver(long seed, List<Draft> drafts, SplittableRandom rnd) {
        List<Draft> byTime = new ArrayList<>(drafts);
        byTime.sort(Comparator.comparingLong((Draft d) -> d.t).thenComparingInt(d -> d.seq));
        record Arrival(Draft draft, long at) {}
        List<Arrival> arrivals = new ArrayList<>(byTime.size());
        for (Draft d : byTime) {
            long delay = 0;
            if (rnd.nextDouble() < lateShare) {
                delay = rnd.nextDouble() < 0.1 ? (long) (rnd.nextDouble() * 8 * 60 * MINUTE) : (long) (rnd.nextDouble() * 20 * MINUTE);
            } else if (rnd.nextDouble() < jitterShare) {
                delay = (long) (rnd.nextDouble() * 30_000);
            }
            arrivals.add(new Arrival(d, d.t + delay));
        }
        // a misdated record arrives when its true time says: it keeps its place among its neighbours
        misdate(byTime, rnd);
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        List<String> lines = new ArrayList<>(arrivals.size());
        List<Integer> immediateCopies = new ArrayList<>();
        List<String> laterCopies = new ArrayList<>();
        for (Arrival a : arrivals) {
            String line = a.draft().line();
            lines.add(line);
            if (rnd.nextDouble() < duplicateShare) {
                if (rnd.nextBoolean()) {
                    immediateCopies.add(lines.size());
                    lines.add(line);
                } else {
                    laterCopies.add(line);
                }
            }
            if (!laterCopies.isEmpty() && rnd.nextDouble() < 0.01) {
                lines.add(laterCopies.remove(0));
            }
        }
        lines.addAll(laterCopies);
        return new GeneratedDay(seed, lines, immediateCopies);
    }

    private void misdate(List<Draft> byTime, SplittableRandom rnd) {
        if (byTime.isEmpty()) {
            return;
        }
        for (int i = 0; i < clockJumps; i++) {
            Draft d = byTime.get(rnd.nextInt(byTime.size()));
            long jump = switch (rnd.nextInt(4)) {
                case 0 -> (25 + rnd.nextInt(24 * 30)) * 60 * MINUTE;      // past the admission limit: refused
                case 1 -> (1 + rnd.nextInt(20)) * 60 * MINUTE;            // admitted: every later record is late
                case 2 -> -(1 + rnd.nextInt(3 * 24)) * 60 * MINUTE;       // hours or days behind
                default -> (long) (rnd.nextDouble() * 10 * MINUTE);      // a small skew
            };
            d.t = d.t + jump;
        }
    }
}
