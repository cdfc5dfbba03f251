package io.ringfence.output;

import io.ringfence.decision.Decision;
import io.ringfence.detection.Alert;
import io.ringfence.ingest.IsoInstants;

import java.util.Map;
import java.util.StringJoiner;

/** One human-readable line per alert, for logs and terminals. */
public final class AlertText {
    private AlertText() {
    }

    public static String line(Alert a) {
        StringJoiner figures = new StringJoiner(", ");
        for (Map.Entry<String, Object> f : a.getFigures().entrySet()) {
            figures.add(f.getKey() + "=" + f.getValue());
        }
        String subscriber = a.getSubscriber() == null || a.getSubscriber().equals(a.getSubject().value())
                ? "" : " (subscriber " + a.getSubscriber() + ")";
        String score = a.getScore() == null ? "" : String.format(java.util.Locale.ROOT, "  score %.3f", a.getScore());
        return String.format("%s %-18s %-8s %s%s  rule %s@%s%s  [%s]", IsoInstants.format(a.getDetectedAt()),
                a.getTypology(), a.getSeverity(), a.getSubject(), subscriber, a.getRuleId(), a.getRuleVersion(),
                score, figures);
    }

    /** One line per decision: what, on whom, for how long, and the table row that decided. */
    public static String line(Decision d) {
        String until = d.expiresAtMillis() == null ? "" : " until " + IsoInstants.format(d.expiresAtMillis());
        String queue = d.caseQueue() == null ? "" : " case -> " + d.caseQueue() + " (SLA " + d.caseSlaMinutes() + " min)";
        String row = d.explanation().rows().isEmpty() ? "" : "  row " + d.explanation().rows().get(0).row()
                + ": " + d.explanation().rows().get(0).why();
        return String.format("%s %-16s %s P%d%s%s  [%s]%s", IsoInstants.format(d.decidedAtMillis()), d.action(),
                d.target(), d.priority(), until, queue, d.reason(), row);
    }
}
