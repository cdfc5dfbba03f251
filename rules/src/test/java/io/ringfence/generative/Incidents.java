package io.ringfence.generative;

import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The incidents the listener was told of, and the log of what it was told. */
final class Incidents implements AlertListener {
    final Map<String, Alert> open = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    long raised;

    @Override
    public void raised(Alert a) {
        raised++;
        open.put(a.getAlertId(), a);
        log.add("raised " + describe(a));
    }

    @Override
    public void closed(Alert a) {
        open.remove(a.getAlertId());
        log.add("closed " + describe(a) + " " + a.getSeverity() + " rules " + a.getRulesFired()
                + " matches " + a.getMatches() + " events " + a.getEventIds() + " figures " + a.getFigures());
    }

    private static String describe(Alert a) {
        return a.getAlertId() + " " + a.getTypology() + " " + a.getSubject() + " at " + a.getDetectedAt()
                + " by " + a.getRuleId() + "@" + a.getRuleVersion();
    }
}
