package io.ringfence.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.ingest.IsoInstants;
import io.ringfence.simulator.Label;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The simulator's ground truth as JSON Lines: the {@link Label} record's fields, with its epoch
 * millisecond times written as ISO-8601 instants named {@code start} and {@code end}, like every
 * other time in the app's files.
 */
public final class LabelJson {
    private LabelJson() {
    }

    public static void writeLine(Label l, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.generator(out)) {
            g.writeStartObject();
            g.writeStringField("incidentId", l.incidentId());
            g.writeStringField("kind", l.kind());
            g.writeStringField("typology", l.typology());
            g.writeStringField("subjectKind", l.subjectKind());
            g.writeStringField("subjectValue", l.subjectValue());
            g.writeStringField("subscriber", l.subscriber());
            g.writeStringField("start", IsoInstants.format(l.startMillis()));
            g.writeStringField("end", IsoInstants.format(l.endMillis()));
            g.writeEndObject();
        }
        out.write('\n');
    }

    /** @throws IllegalArgumentException naming what is wrong with the line */
    public static Label read(String line) {
        JsonNode n;
        try {
            n = JsonLines.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        // Look-alikes have no subject: nothing should be alerted on, so there is nothing to name.
        return new Label(AlertJson.text(n, "incidentId"), AlertJson.text(n, "kind"), AlertJson.text(n, "typology"),
                optional(n, "subjectKind"), optional(n, "subjectValue"), optional(n, "subscriber"),
                AlertJson.instant(n, "start"), AlertJson.instant(n, "end"));
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : AlertJson.text(n, field);
    }

    /**
     * Reads a whole labels file; blank lines are skipped.
     *
     * @throws IllegalArgumentException with the file and line number of the first bad line
     */
    public static List<Label> readAll(Path file) throws IOException {
        return JsonLines.readAll(file, LabelJson::read);
    }
}
