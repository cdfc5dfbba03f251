package io.ringfence.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.ingest.IsoInstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ringfence.contract.JsonFields.bool;
import static io.ringfence.contract.JsonFields.constant;
import static io.ringfence.contract.JsonFields.instant;
import static io.ringfence.contract.JsonFields.integer;
import static io.ringfence.contract.JsonFields.member;
import static io.ringfence.contract.JsonFields.optionalInstant;
import static io.ringfence.contract.JsonFields.optionalInteger;
import static io.ringfence.contract.JsonFields.optionalNumber;
import static io.ringfence.contract.JsonFields.optionalText;
import static io.ringfence.contract.JsonFields.text;
import static io.ringfence.contract.JsonFields.texts;

/**
 * Decisions in the contract's JSON form ("Decisions out"), one object per line, contract fields first,
 * and read back into a {@link Decision} wherever a stored or published decision is acted on.
 */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** Appends the decision and a {@code '\n'}; neither flushes nor closes {@code out}. */
    public static void writeLine(Decision d, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.generator(out)) {
            g.writeStartObject();
            g.writeStringField("decisionId", d.decisionId());
            g.writeArrayFieldStart("alertIds");
            for (String id : d.alertIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeStringField("action", d.action().name());
            g.writeObjectFieldStart("target");
            g.writeStringField("kind", d.target().kind().name());
            g.writeStringField("value", d.target().value());
            g.writeEndObject();
            g.writeStringField("reason", d.reason());
            g.writeNumberField("priority", d.priority());
            if (d.expiresAtMillis() != null) {
                g.writeStringField("expiresAt", IsoInstants.format(d.expiresAtMillis()));
            }
            if (d.caseId() != null) {
                g.writeStringField("caseId", d.caseId());
            }
            g.writeStringField("decisionModel", d.decisionModel());
            g.writeStringField("decisionModelVersion", d.decisionModelVersion());
            if (d.model() != null) {
                g.writeStringField("model", d.model());
                g.writeStringField("modelVersion", d.modelVersion());
            }
            g.writeBooleanField("openCase", d.openCase());
            if (d.caseQueue() != null) {
                g.writeStringField("caseQueue", d.caseQueue());
            }
            if (d.caseSlaMinutes() != null) {
                g.writeNumberField("caseSlaMinutes", d.caseSlaMinutes());
            }
            g.writeStringField("subscriber", d.subscriber());
            g.writeStringField("decidedAt", IsoInstants.format(d.decidedAtMillis()));
            explanation(g, d.explanation());
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void explanation(JsonGenerator g, Explanation e) throws IOException {
        g.writeObjectFieldStart("explanation");
        g.writeStringField("ruleId", e.ruleId());
        g.writeArrayFieldStart("rulesFired");
        for (String r : e.rulesFired()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeStringField("severity", e.severity());
        g.writeObjectFieldStart("figures");
        for (Map.Entry<String, Object> f : e.figures().entrySet()) {
            g.writeFieldName(f.getKey());
            JsonLines.value(g, f.getValue());
        }
        g.writeEndObject();
        // A handler's decision on a case opened by hand has no rule set behind it; the contract wants a string or nothing.
        if (e.ruleSet() != null) {
            g.writeStringField("ruleSet", e.ruleSet());
        }
        if (e.referenceData() != null) {
            g.writeStringField("referenceData", e.referenceData());
        }
        if (e.customerData() != null) {
            g.writeStringField("customerData", e.customerData());
        }
        g.writeFieldName("score");
        JsonLines.value(g, e.score());
        g.writeObjectFieldStart("features");
        for (Map.Entry<String, Double> f : e.features().entrySet()) {
            g.writeFieldName(f.getKey());
            JsonLines.value(g, f.getValue());
        }
        g.writeEndObject();
        // A handler's decision (from a case) has no DMN inputs.
        if (e.inputs() != null) {
            inputs(g, e.inputs());
        }
        g.writeArrayFieldStart("rows");
        for (MatchedRow r : e.rows()) {
            g.writeStartObject();
            g.writeStringField("table", r.table());
            g.writeNumberField("row", r.row());
            g.writeStringField("id", r.id());
            g.writeStringField("why", r.why());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (e.note() != null) {
            g.writeStringField("note", e.note());
        }
        g.writeEndObject();
    }

    private static void inputs(JsonGenerator g, DispositionInput in) throws IOException {
        g.writeObjectFieldStart("inputs");
        g.writeStringField("typology", in.typology());
        g.writeStringField("ruleId", in.ruleId());
        g.writeStringField("severity", in.severity());
        g.writeFieldName("score");
        JsonLines.value(g, in.score());
        g.writeStringField("subjectKind", in.subjectKind());
        g.writeStringField("segment", in.segment());
        g.writeNumberField("customerValue", in.customerValue());
        g.writeNumberField("repeatOffences", in.repeatOffences());
        g.writeNumberField("exposure", in.exposure());
        g.writeStringField("origin", in.origin());
        // Written only when the CRM said: a decision of a table without them reads as it did before they existed.
        if (in.accountAgeDays() != null) {
            g.writeNumberField("accountAgeDays", in.accountAgeDays());
        }
        if (in.enterprise()) {
            g.writeBooleanField("enterprise", true);
        }
        g.writeEndObject();
    }

    /** The decision's JSON object as a string, without the line end. */
    public static String json(Decision d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            writeLine(d, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /**
     * Reads a decision as {@link #writeLine} writes it (the contract's required fields, and
     * {@code decidedAt}, which Ringfence always writes).
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static Decision read(String json) {
        JsonNode n = JsonFields.object(json);
        String id = text(n, "decisionId");
        try {
            List<String> alertIds = texts(n, "alertIds");
            if (alertIds.isEmpty()) {
                throw new IllegalArgumentException("'alertIds' is empty");
            }
            return new Decision(id, alertIds, constant(Action.class, n, "action"), JsonFields.target(n, "target"),
                    text(n, "reason"), integer(n, "priority"), optionalInstant(n, "expiresAt"),
                    optionalText(n, "caseId"), n.has("openCase") && bool(n, "openCase"), optionalText(n, "caseQueue"),
                    optionalInteger(n, "caseSlaMinutes"), optionalText(n, "subscriber"), instant(n, "decidedAt"),
                    text(n, "decisionModel"), text(n, "decisionModelVersion"), optionalText(n, "model"),
                    optionalText(n, "modelVersion"), n.hasNonNull("explanation") ? explanation(member(n, "explanation"))
                    : Explanation.NONE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decision " + id + ": " + e.getMessage(), e);
        }
    }

    private static Explanation explanation(JsonNode e) {
        try {
            List<MatchedRow> rows = new ArrayList<>();
            JsonNode r = e.path("rows");
            for (JsonNode row : r) {
                rows.add(new MatchedRow(text(row, "table"), integer(row, "row"), optionalText(row, "id"),
                        optionalText(row, "why")));
            }
            Map<String, Double> features = new LinkedHashMap<>();
            if (e.hasNonNull("features")) {
                member(e, "features").fields().forEachRemaining(f -> features.put(f.getKey(),
                        f.getValue().isNumber() ? f.getValue().doubleValue() : null));
            }
            return new Explanation(optionalText(e, "ruleId"), e.has("rulesFired") ? texts(e, "rulesFired") : List.of(),
                    optionalText(e, "severity"), e.hasNonNull("figures") ? JsonFields.values(e, "figures") : Map.of(),
                    optionalText(e, "ruleSet"), optionalNumber(e, "score"), features,
                    e.hasNonNull("inputs") ? inputs(member(e, "inputs")) : null, rows, optionalText(e, "note"),
                    optionalText(e, "referenceData"), optionalText(e, "customerData"));
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException("explanation: " + x.getMessage(), x);
        }
    }

    private static DispositionInput inputs(JsonNode in) {
        return new DispositionInput(optionalText(in, "typology"), optionalText(in, "ruleId"),
                optionalText(in, "severity"), optionalNumber(in, "score"), optionalText(in, "subjectKind"),
                optionalText(in, "segment"), number(in, "customerValue"), integer(in, "repeatOffences"),
                number(in, "exposure"), optionalText(in, "origin"),
                in.hasNonNull("accountAgeDays") ? integer(in, "accountAgeDays") : null,
                in.path("enterprise").asBoolean(false));
    }

    private static double number(JsonNode n, String field) {
        Double v = optionalNumber(n, field);
        if (v == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v;
    }
}
