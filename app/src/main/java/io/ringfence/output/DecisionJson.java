package io.ringfence.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ringfence.decision.Decision;
import io.ringfence.decision.DispositionInput;
import io.ringfence.decision.Explanation;
import io.ringfence.decision.MatchedRow;
import io.ringfence.ingest.IsoInstants;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Decisions in the contract's JSON form ("Decisions out"), one object per line, contract fields first. */
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
        g.writeStringField("ruleSet", e.ruleSet());
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
        g.writeEndObject();
    }
}
