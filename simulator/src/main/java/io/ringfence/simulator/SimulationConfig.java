package io.ringfence.simulator;

import java.time.Instant;

/**
 * What to simulate. Everything else (each subscriber's habits, which frauds happen when, their sizes
 * and speeds) is drawn from the seed, so two seeds give two different days.
 *
 * @param subscribers       ordinary subscribers (look-alikes and frauds come on top)
 * @param hours             length of the simulated period
 * @param incidentsPerKind  incidents of each fraud typology and each look-alike kind, at least
 * @param family            which scenarios: {@link Family#TUNED} (the default, what the rules were written
 *                          and tested on) or {@link Family#UNSEEN} (held out: never used to tune a rule)
 */
public record SimulationConfig(long seed, int subscribers, Instant start, int hours, int incidentsPerKind,
                               Family family) {
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T00:00:00Z");

    /**
     * The scenario family. TUNED is the set the rules' scenario tests and the shipped model were built
     * around. UNSEEN is held out: other look-alikes (heavy callers, telesales, border dwellers, shops
     * re-issuing SIMs, OTP bursts) and the same typologies of fraud with other shapes and parameter
     * ranges, on its own seeds; it exists to measure precision and time to detect on traffic no rule
     * was tuned on, and must stay out of scenario tests.
     */
    public enum Family { TUNED, UNSEEN }

    public SimulationConfig(long seed, int subscribers, Instant start, int hours, int incidentsPerKind) {
        this(seed, subscribers, start, hours, incidentsPerKind, Family.TUNED);
    }

    public SimulationConfig {
        if (subscribers < 100) {
            throw new IllegalArgumentException("at least 100 subscribers are needed to hide frauds among");
        }
        if (hours < 24) {
            throw new IllegalArgumentException("simulate at least one day (24 hours): incidents are spread over a day");
        }
        if (incidentsPerKind < 1) {
            throw new IllegalArgumentException("incidentsPerKind must be at least 1");
        }
        if (family == null) {
            family = Family.TUNED;
        }
    }

    public static SimulationConfig day(long seed, int subscribers) {
        return new SimulationConfig(seed, subscribers, DEFAULT_START, 24, 6);
    }

    public long startMillis() {
        return start.toEpochMilli();
    }

    public long endMillis() {
        return startMillis() + hours * 3_600_000L;
    }
}
