package io.ringfence.simulator;

/** How busy people are at each hour of the day (UTC is local time on the demo network), 0..1.6. */
final class DailyRhythm {
    private static final double[] BY_HOUR = {
            0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.75, 1.1, 1.2, 1.2, 1.25,
            1.3, 1.25, 1.2, 1.2, 1.25, 1.35, 1.45, 1.5, 1.4, 1.1, 0.7, 0.35};

    private DailyRhythm() {
    }

    static double weight(long epochMillis) {
        int hour = (int) ((epochMillis / 3_600_000L) % 24);
        return BY_HOUR[hour];
    }
}
