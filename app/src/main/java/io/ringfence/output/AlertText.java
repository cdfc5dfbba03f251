package io.ringfence.output;

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
        return String.format("%s %-18s %-8s %s%s  rule %s@%s  [%s]", IsoInstants.format(a.getDetectedAt()),
                a.getTypology(), a.getSeverity(), a.getSubject(), subscriber, a.getRuleId(), a.getRuleVersion(),
                figures);
    }
}
