package io.ringfence.backtest;

/**
 * An alert or decision that the draft produced and the live versions did not (ADDED), the reverse
 * (REMOVED), or that both produced with different attributes (CHANGED).
 *
 * @param live        the live side's attributes, null when added
 * @param draft       the draft's, null when removed
 * @param caseOutcome CONFIRMED_FRAUD or FALSE_POSITIVE when a handler triaged a case on the subject, else null
 */
record Difference(Output.Kind output, Change change, String key, String typology, String ruleId, String subjectKind,
                  String subjectValue, String subscriber, long atMillis, String live, String draft, String caseOutcome) {

    enum Change { ADDED, REMOVED, CHANGED }

    static Difference of(Change change, Output live, Output draft) {
        Output o = draft != null ? draft : live;
        // The rule is the live side's when both exist: "changed" is read as what happened to the live rule's output.
        Output named = live != null ? live : draft;
        return new Difference(o.kind(), change, o.key(), named.typology(), named.ruleId(), o.subjectKind(),
                o.subjectValue(), o.subscriber(), o.atMillis(), live == null ? null : live.what(),
                draft == null ? null : draft.what(), null);
    }

    Difference withOutcome(String outcome) {
        return new Difference(output, change, key, typology, ruleId, subjectKind, subjectValue, subscriber, atMillis,
                live, draft, outcome);
    }
}
