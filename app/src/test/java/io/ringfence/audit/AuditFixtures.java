package io.ringfence.audit;

import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.contract.DispositionInput;
import io.ringfence.contract.Explanation;
import io.ringfence.contract.MatchedRow;
import io.ringfence.detection.Subject;
import io.ringfence.contract.DecisionJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Decisions and events as the streaming consumer would hand them over. */
public final class AuditFixtures {
    private AuditFixtures() {
    }

    public static Decision decision(String id, Action action, String subscriber, String typology, Instant at) {
        return decision(id, action, subscriber, typology, at, "R-1");
    }

    /** As above, on an alert the given rule raised. */
    public static Decision decision(String id, Action action, String subscriber, String typology, Instant at, String rule) {
        Explanation e = new Explanation(rule, List.of(rule + "@1"), "HIGH", Map.of("calls", 12), "rules-1.0", 0.91,
                Map.of("f1", 0.5), dispositionInput(Map.of("typology", typology, "ruleId", rule,
                        "severity", "HIGH", "score", 0.91, "subjectKind", "SUBSCRIBER", "segment", "CONSUMER",
                        "customerValue", 30.0, "repeatOffences", 0, "exposure", 120.0)), List.of(new MatchedRow("Disposition", 5, "row-5", "because")), null);
        return new Decision(id, List.of("A-" + id), action, Subject.subscriber(subscriber).target(), typology, 2,
                action.isBlock() ? at.toEpochMilli() + 3_600_000L : null, null, true, "fraud-ops", 240, subscriber,
                at.toEpochMilli(), "disposition", "1.0", "fraud-score", "2.0", e);
    }

    /**
     * Built by component name: the decision layer is worked on in parallel and adds inputs, which
     * these tests do not care about (absent ones are null, zero or false).
     */
    static DispositionInput dispositionInput(Map<String, Object> values) {
        RecordComponent[] components = DispositionInput.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object v = values.get(components[i].getName());
            if (v == null && types[i].isPrimitive()) {
                v = types[i] == boolean.class ? Boolean.FALSE : types[i] == double.class ? 0.0 : 0;
            }
            args[i] = v;
        }
        try {
            return DispositionInput.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AuditedDecision audited(Decision d) {
        return AuditedDecision.of(d, true, null, List.of("E-" + d.decisionId() + "-1", "E-" + d.decisionId() + "-2"));
    }

    public static String json(Decision d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DecisionJson.writeLine(d, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    public static StoredEvent event(int i, String subscriber, Instant at) {
        String id = "E" + i;
        return new StoredEvent(id, subscriber, "CALL", at.toEpochMilli(), i % 4, i,
                "{\"eventId\":\"" + id + "\",\"type\":\"CALL\",\"msisdn\":\"" + subscriber
                        + "\",\"note\":\"a \\\"quoted\\\", comma'd\\nline\"}");
    }
}
