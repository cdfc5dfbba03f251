package io.ringfence.audit;

import io.ringfence.contract.Action;

import java.time.Instant;

/**
 * What a compliance officer asks of the audit trail; null fields do not filter.
 *
 * @param target the decision's target value (an MSISDN, a number, an IP, a global title...)
 * @param action the decision's action, or for ACTION entries what was done
 * @param actor  who: a user, "anonymous" for API calls that signed in nobody, or "ringfence"
 * @param decisionId a decision and, with kind ACTION or ALL, what was done about it
 * @param kind   DECISION (default), ACTION, or null for both
 * @param from   recorded at or after (inclusive)
 * @param to     recorded before (exclusive)
 * @param rule   the rule that raised the alert a decision was made on (its explanation's {@code ruleId}); decisions only
 */
record AuditQuery(String subscriber, String target, String typology, String action, String actor, String caseId,
                  String decisionId, String kind, Instant from, Instant to, String rule) {
    enum Kind { DECISION, ACTION, ALL }

    static AuditQuery parse(String subscriber, String target, String typology, String action, String actor,
                            String caseId, String decisionId, String kind, String from, String to, String rule) {
        String k = QueryParameters.oneOf("kind", kind, Kind.class);
        String a = QueryParameters.text(action);
        if (a != null && "DECISION".equals(k == null ? "DECISION" : k)) {
            // Decisions' actions are a closed set: a typo is an error, not an empty page.
            a = QueryParameters.oneOf("action", a, Action.class);
        }
        Instant f = QueryParameters.instant("from", from);
        Instant t = QueryParameters.instant("to", to);
        QueryParameters.range(f, t);
        String r = QueryParameters.text(rule);
        if (r != null && "ACTION".equals(k)) {
            throw QueryParameters.bad("'rule' finds decisions (the rule that raised their alert): use kind DECISION or ALL, "
                    + "not ACTION");
        }
        String t2 = QueryParameters.text(typology);
        return new AuditQuery(QueryParameters.text(subscriber), QueryParameters.text(target),
                t2 == null ? null : t2.toUpperCase(java.util.Locale.ROOT), a, QueryParameters.text(actor),
                QueryParameters.text(caseId), QueryParameters.text(decisionId),
                k == null ? "DECISION" : "ALL".equals(k) ? null : k, f, t, r);
    }
}
