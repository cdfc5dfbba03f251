package io.ringfence.decision;

import io.ringfence.contract.DispositionInput;

import java.util.Map;

/**
 * One line of a scenario file: an alert as the disposition table sees it, and what must come out.
 *
 * @param line     the line of the file it was read from, for messages
 * @param expected output name ({@code action}, {@code queue}, ...) to the value it must have; a null value means
 *                 "none" (no queue, no SLA); outputs the line leaves empty are not in the map
 */
public record DmnScenario(String name, int line, DispositionInput input, Map<String, Object> expected) {
    public DmnScenario {
        expected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expected));
    }
}
