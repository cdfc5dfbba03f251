package io.ringfence.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.ingest.IsoInstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ringfence.contract.JsonFields.instant;
import static io.ringfence.contract.JsonFields.integer;
import static io.ringfence.contract.JsonFields.member;
import static io.ringfence.contract.JsonFields.optionalNumber;
import static io.ringfence.contract.JsonFields.optionalText;
import static io.ringfence.contract.JsonFields.text;
import static io.ringfence.contract.JsonFields.texts;

/**
 * Alerts in the contract's JSON form ("Alerts out"), one object per line, fields in contract order.
 * Every value comes from event time and the alert itself, so the same input gives the same bytes.
 */
public final class AlertJson {
    private AlertJson() {
    }

    /** Appends the alert and a {@code '\n'}; neither flushes nor closes {@code out}. */
    public static void writeLine(AlertMessage a, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.generator(out)) {
            g.writeStartObject();
            g.writeStringField("alertId", a.alertId());
            g.writeStringField("typology", a.typology());
            g.writeObjectFieldStart("subject");
            g.writeStringField("kind", a.subject().kind().name());
            g.writeStringField("value", a.subject().value());
            g.writeEndObject();
            g.writeStringField("subscriber", a.subscriber());
            g.writeStringField("detectedAt", IsoInstants.format(a.detectedAtMillis()));
            g.writeStringField("firstEventAt", IsoInstants.format(a.firstEventAtMillis()));
            g.writeStringField("lastMatchAt", IsoInstants.format(a.lastMatchAtMillis()));
            g.writeStringField("severity", a.severity());
            if (a.score() != null) {
                g.writeNumberField("score", a.score());
            }
            if (a.model() != null) {
                g.writeStringField("model", a.model());
                g.writeStringField("modelVersion", a.modelVersion());
            }
            g.writeStringField("ruleId", a.ruleId());
            g.writeStringField("ruleVersion", a.ruleVersion());
            g.writeObjectFieldStart("evidence");
            g.writeArrayFieldStart("eventIds");
            for (String id : a.eventIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("figures");
            for (Map.Entry<String, Object> f : a.figures().entrySet()) {
                g.writeFieldName(f.getKey());
                JsonLines.value(g, f.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("rulesFired");
            for (String r : a.rulesFired()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeNumberField("matches", a.matches());
            g.writeEndObject();
        }
        out.write('\n');
    }

    /** The alert's JSON object as a string, without the line end. */
    public static String json(AlertMessage a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try {
            writeLine(a, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /**
     * Reads an alert this class, the service or another contract writer wrote.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static AlertMessage read(String json) {
        JsonNode n = JsonFields.object(json);
        JsonNode evidence = member(n, "evidence");
        // lastMatchAt and matches are optional in the contract; a writer without them means the first match.
        long detectedAt = instant(n, "detectedAt");
        return new AlertMessage(text(n, "alertId"), text(n, "typology"), JsonFields.target(n, "subject"),
                optionalText(n, "subscriber"), detectedAt, instant(n, "firstEventAt"),
                n.hasNonNull("lastMatchAt") ? instant(n, "lastMatchAt") : detectedAt, text(n, "severity"),
                optionalNumber(n, "score"), optionalText(n, "model"), optionalText(n, "modelVersion"),
                text(n, "ruleId"), text(n, "ruleVersion"), texts(evidence, "eventIds"),
                JsonFields.values(evidence, "figures"),
                n.has("rulesFired") ? texts(n, "rulesFired") : List.of(),
                n.has("matches") ? integer(n, "matches") : 1);
    }

    /**
     * Reads a whole alerts file; blank lines are skipped.
     *
     * @throws IllegalArgumentException with the file and line number of the first bad line
     */
    public static List<AlertMessage> readAll(Path file) throws IOException {
        return JsonLines.readAll(file, AlertJson::read);
    }
}
