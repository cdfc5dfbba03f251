package io.ringfence.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.detection.Alert;
import io.ringfence.ingest.IsoInstants;
import io.ringfence.simulator.LabelScorer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Alerts in the contract's JSON form ("Alerts out"), one object per line, fields in contract order.
 * Every value comes from event time and the alert itself, so the same input gives the same bytes.
 */
public final class AlertJson {
    private AlertJson() {
    }

    /**
     * Reads what {@link #readScored} needs from every alert of a file; blank lines are skipped.
     *
     * @throws IllegalArgumentException with the file and line number of the first bad line
     */
    public static java.util.List<io.ringfence.simulator.LabelScorer.ScoredAlert> readAllScored(java.nio.file.Path file)
            throws IOException {
        return JsonLines.readAll(file, AlertJson::readScored);
    }

    /** Appends the alert and a {@code '\n'}; neither flushes nor closes {@code out}. */
    public static void writeLine(Alert a, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.generator(out)) {
            g.writeStartObject();
            g.writeStringField("alertId", a.getAlertId());
            g.writeStringField("typology", a.getTypology().name());
            g.writeObjectFieldStart("subject");
            g.writeStringField("kind", a.getSubject().kind().name());
            g.writeStringField("value", a.getSubject().value());
            g.writeEndObject();
            g.writeStringField("subscriber", a.getSubscriber());
            g.writeStringField("detectedAt", IsoInstants.format(a.getDetectedAt()));
            g.writeStringField("firstEventAt", IsoInstants.format(a.getFirstEventAt()));
            g.writeStringField("lastMatchAt", IsoInstants.format(a.getLastMatchAt()));
            g.writeStringField("severity", a.getSeverity().name());
            if (a.getScore() != null) {
                g.writeNumberField("score", a.getScore());
            }
            if (a.getScoreModel() != null) {
                g.writeStringField("model", a.getScoreModel());
                g.writeStringField("modelVersion", a.getScoreModelVersion());
            }
            g.writeStringField("ruleId", a.getRuleId());
            g.writeStringField("ruleVersion", a.getRuleVersion());
            g.writeObjectFieldStart("evidence");
            g.writeArrayFieldStart("eventIds");
            for (String id : a.getEventIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("figures");
            for (Map.Entry<String, Object> f : a.getFigures().entrySet()) {
                g.writeFieldName(f.getKey());
                JsonLines.value(g, f.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("rulesFired");
            for (String r : a.getRulesFired()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeNumberField("matches", a.getMatches());
            g.writeEndObject();
        }
        out.write('\n');
    }

    /**
     * Reads back the fields scoring needs, from a line this class or the service wrote.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static LabelScorer.ScoredAlert readScored(String line) {
        JsonNode n;
        try {
            n = JsonLines.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new LabelScorer.ScoredAlert(text(n, "typology"), text(n.path("subject"), "kind"),
                text(n.path("subject"), "value"), instant(n, "detectedAt"));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    static long instant(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + s);
        }
    }
}
