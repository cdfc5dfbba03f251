package io.ringfence.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as the contract's {@code fraud.alerts} carries it: detection's open alert at one moment, with
 * the score the decide stage gave it. A value: later matches of the incident make a new message.
 *
 * @param score       the PMML fraud score, or null when no model scored
 * @param model       the scoring model's name, null when no model scored
 * @param eventIds    the evidence events, at most 50
 * @param figures     what crossed the rule's thresholds, in the order the rules set them
 * @param rulesFired  rule id and version of every rule that matched the incident so far
 */
public record AlertMessage(String alertId, String typology, Target subject, String subscriber,
                           long detectedAtMillis, long firstEventAtMillis, long lastMatchAtMillis, String severity,
                           Double score, String model, String modelVersion, String ruleId, String ruleVersion,
                           List<String> eventIds, Map<String, Object> figures, List<String> rulesFired, int matches) {
    public AlertMessage {
        eventIds = List.copyOf(eventIds);
        // Figures keep their order and may hold nulls (a consequence's value), which Map.copyOf refuses.
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        rulesFired = List.copyOf(rulesFired);
    }
}
