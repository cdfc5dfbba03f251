package io.ringfence.output;

import io.ringfence.contract.AlertMessage;
import io.ringfence.simulator.LabelScorer;

/** What scoring against the simulator's labels reads of an alert. */
public final class ScoredAlerts {
    private ScoredAlerts() {
    }

    public static LabelScorer.ScoredAlert of(AlertMessage a) {
        return new LabelScorer.ScoredAlert(a.typology(), a.subject().kind().name(), a.subject().value(),
                a.detectedAtMillis());
    }
}
