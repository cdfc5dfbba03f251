package io.ringfence.output;

import io.ringfence.contract.Decision;
import io.ringfence.ingest.IsoInstants;


/** One human-readable line per decision, for logs and terminals. */
public final class DecisionText {
    private DecisionText() {
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
