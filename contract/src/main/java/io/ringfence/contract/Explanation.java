package io.ringfence.contract;

import java.util.List;
import java.util.Map;

/**
 * Why a decision came out as it did: the rules that fired and the figures that crossed their
 * thresholds, the model's score and the features it saw, what the disposition model was given and
 * the table rows that decided.
 *
 * @param rulesFired  rule id and version of every rule that matched the incident so far
 * @param ruleSet     version of the rule set that raised the alert
 * @param features    the feature vector the model scored (empty when no model scored)
 * @param inputs      what the disposition model was given
 * @param rows        the decision-table rows that decided
 * @param note        set when something needs saying, such as a block already active or a model failure
 * @param referenceData version of the reference lists (ranges, IRSF test numbers, SIM-box TACs) the events were
 *                      enriched with; null from writers that did not say
 * @param customerData  version of the customer table (segment and monthly value per line) the decision weighed;
 *                      null from writers that did not say
 */
public record Explanation(String ruleId, List<String> rulesFired, String severity, Map<String, Object> figures,
                          String ruleSet, Double score, Map<String, Double> features, DispositionInput inputs,
                          List<MatchedRow> rows, String note, String referenceData, String customerData) {
    /** What a decision read from a writer that gave no explanation carries. */
    public static final Explanation NONE = new Explanation(null, List.of(), null, Map.of(), null, null, Map.of(),
            null, List.of(), null, null, null);

    public Explanation {
        rulesFired = List.copyOf(rulesFired);
        rows = List.copyOf(rows);
    }

    /** Without the versions of the reference lists and customer table (case orders, and writers from before it was recorded). */
    public Explanation(String ruleId, List<String> rulesFired, String severity, Map<String, Object> figures,
                       String ruleSet, Double score, Map<String, Double> features, DispositionInput inputs,
                       List<MatchedRow> rows, String note) {
        this(ruleId, rulesFired, severity, figures, ruleSet, score, features, inputs, rows, note, null, null);
    }

    /** The same explanation with {@code text} as its note. */
    public Explanation withNote(String text) {
        return new Explanation(ruleId, rulesFired, severity, figures, ruleSet, score, features, inputs, rows, text,
                referenceData, customerData);
    }
}
