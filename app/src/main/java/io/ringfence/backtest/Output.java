package io.ringfence.backtest;

import io.ringfence.contract.AlertMessage;
import io.ringfence.contract.Decision;

import java.util.Locale;

/**
 * One alert or decision of one side, reduced to what identifies it and what a reviewer compares.
 *
 * <p>Keys come from the pipeline's own deterministic ids: an alert's id derives from its typology, subject,
 * detection time and evidence, a decision's from its alert and its rank among that alert's decisions. Both
 * sides see the same events, so "the same alert" and "the alert's n-th decision" mean the same on both;
 * versions are not part of the ids, so a change that alters nothing yields no difference.
 *
 * @param what the attributes compared, as one line a reviewer reads ("BLOCK_NUMBER 24h +case fraud-irsf p1")
 */
record Output(Kind kind, String key, String typology, String ruleId, String subjectKind, String subjectValue,
              String subscriber, long atMillis, String what) {

    enum Kind { ALERT, DECISION }

    static Output of(AlertMessage a) {
        String score = a.score() == null ? "unscored" : String.format(Locale.ROOT, "score %.4f", a.score());
        return new Output(Kind.ALERT, a.alertId(), a.typology(), a.ruleId(), a.subject().kind().name(),
                a.subject().value(), a.subscriber(), a.detectedAtMillis(),
                a.severity() + " " + a.ruleId() + " matches " + a.matches() + " " + score);
    }

    static Output of(Decision d, boolean emitted) {
        StringBuilder what = new StringBuilder(d.action().name());
        if (d.expiresAtMillis() != null) {
            what.append(' ').append((d.expiresAtMillis() - d.decidedAtMillis()) / 3_600_000L).append('h');
        }
        if (d.openCase()) {
            what.append(" +case ").append(d.caseQueue());
        }
        what.append(" p").append(d.priority());
        if (!emitted) {
            what.append(" held back (block in force)");
        }
        String ruleId = d.explanation() == null ? null : d.explanation().ruleId();
        return new Output(Kind.DECISION, d.decisionId(), d.reason(), ruleId, d.target().kind().name(),
                d.target().value(), d.subscriber(), d.decidedAtMillis(), what.toString());
    }

    String matchKey() {
        return kind.name() + ':' + key;
    }
}
