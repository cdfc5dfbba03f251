package io.ringfence.generative;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days the generative run found failing, minimised, kept so the fix stays: each must now run to the
 * end with every invariant of {@link DayCheck}.
 */
class FoundDaysTest {

    /**
     * Seed 1 on SIMBOX-001 1.2, minimised: one SIM of a SIM box moved between four gateway IMEIs, 27
     * outbound calls and 3 incoming in two hours, and one call each of two other lines. Drools 10.1 threw
     * in RuleExecutor.removeDormantTuple on it: the engine defect of issue 15, reached by another shape
     * of traffic than the heavy-caller repro.
     */
    @Test
    void simBoxRotatorThatCrashedTheEngineOnSimbox001Version12() throws IOException {
        DayCheck.Outcome outcome = DayCheck.twice(found("simbox-rotator-engine-crash.jsonl"));
        assertThat(outcome.failure()).as("%s", outcome.signature()).isNull();
        assertThat(outcome.run().admitted()).isEqualTo(32);
    }

    private static GeneratedDay found(String name) throws IOException {
        try (InputStream in = FoundDaysTest.class.getResourceAsStream(name)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return new GeneratedDay(0, lines, List.of());
        }
    }
}
