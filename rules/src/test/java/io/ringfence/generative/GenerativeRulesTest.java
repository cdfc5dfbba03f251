package io.ringfence.generative;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole rule set on random days composed from many behaviours, delivered late, twice, out of
 * order and misdated (see {@link DayGenerator}, {@link Delivery}, {@link DayCheck} for what must hold).
 * A budget of seeds runs in every build; {@link GenerativeRun} runs thousands and minimises failures.
 *
 * <p>jqwik shrinks nothing here (a seed has no smaller form that means anything): a failing day is
 * written to {@code target/generative/} as JSON Lines that replay takes as they are, and
 * {@code GenerativeRun} minimises it by lines.
 */
class GenerativeRulesTest {

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void anyDayRunsToTheEndWithBoundedStateAndTheSameAlertsTwice(@ForAll long seed) throws IOException {
        GeneratedDay day = DayGenerator.day(seed);
        DayCheck.Outcome outcome = DayCheck.twice(day);
        if (outcome.failed()) {
            Path file = day.write(Path.of("target", "generative", "seed-" + seed + ".jsonl"));
            throw new AssertionError("seed " + seed + " (" + day.lines().size() + " lines, written to " + file
                    + "; minimise with mvn -pl rules test-compile exec:exec@generative -Dgenerative.first=" + seed
                    + " -Dgenerative.seeds=1): " + outcome.failure(), outcome.failure());
        }
        DayCheck.Run run = outcome.run();
        // a day whose lines all failed to parse would prove nothing about the rules
        assertThat(run.admitted()).as("seed %d: %s", seed, run.withoutAlerts()).isGreaterThan(run.lines() / 2);
    }
}
