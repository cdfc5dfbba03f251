package io.ringfence.audit;

import io.ringfence.decision.Decision;
import io.ringfence.output.DecisionJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A decision as the audit keeps it.
 *
 * @param json         the decision JSON (with its explanation), as published
 * @param emitted      sent to the switches, or held back (a block on the target already in force)
 * @param suppressedBy when held back, the decision id of the block in force; else null
 * @param eventIds     the events that led to it (the alert's evidence)
 */
public record AuditedDecision(Decision decision, String json, boolean emitted, String suppressedBy,
                              List<String> eventIds) {
    public AuditedDecision {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    /** With the decision's contract JSON written by {@link DecisionJson}. */
    public static AuditedDecision of(Decision decision, boolean emitted, String suppressedBy, List<String> eventIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            DecisionJson.writeLine(decision, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AuditedDecision(decision, out.toString(StandardCharsets.UTF_8).stripTrailing(), emitted, suppressedBy,
                eventIds);
    }
}
