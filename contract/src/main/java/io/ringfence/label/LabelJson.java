package io.ringfence.label;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.contract.JsonFields;
import io.ringfence.contract.JsonLines;
import io.ringfence.ingest.IsoInstants;

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
        JsonNode n = JsonFields.object(line);
        // Look-alikes have no subject: nothing should be alerted on, so there is nothing to name.
        return new Label(JsonFields.text(n, "incidentId"), JsonFields.text(n, "kind"), JsonFields.text(n, "typology"),
                JsonFields.optionalText(n, "subjectKind"), JsonFields.optionalText(n, "subjectValue"),
                JsonFields.optionalText(n, "subscriber"), JsonFields.instant(n, "start"), JsonFields.instant(n, "end"));
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
