package io.ringfence.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.contract.AlertMessage;
import io.ringfence.contract.JsonFields;
import io.ringfence.contract.JsonLines;
import io.ringfence.label.LabelScorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What scoring against the simulator's labels reads of an alert. */
public final class ScoredAlerts {
    private ScoredAlerts() {
    }

    public static LabelScorer.ScoredAlert of(AlertMessage a) {
        return new LabelScorer.ScoredAlert(a.typology(), a.subject().kind().name(), a.subject().value(),
                a.detectedAtMillis());
    }

    /**
     * Reads the fields scoring needs from each line of an alerts file: alerts from another system or written
     * by hand need no more than typology, subject and detection time. Blank lines are skipped.
     *
     * @throws IllegalArgumentException with the file and line number of the first bad line
     */
    public static List<LabelScorer.ScoredAlert> readAll(Path file) throws IOException {
        return JsonLines.readAll(file, ScoredAlerts::read);
    }

    static LabelScorer.ScoredAlert read(String line) {
        JsonNode n = JsonFields.object(line);
        JsonNode subject = JsonFields.member(n, "subject");
        return new LabelScorer.ScoredAlert(JsonFields.text(n, "typology"), JsonFields.text(subject, "kind"),
                JsonFields.text(subject, "value"), JsonFields.instant(n, "detectedAt"));
    }
}
