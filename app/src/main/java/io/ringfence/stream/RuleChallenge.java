package io.ringfence.stream;

import io.ringfence.audit.ShadowDecisionLog;
import io.ringfence.contract.Decision;
import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.event.TelecomEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule set in shadow on one partition: the event the live rules just decided on goes through the challenger's own
 * pipeline (its own CEP session, features and blocks, kept in memory), and what each side decided on the event is
 * matched by typology and target. A pair, or a side alone, becomes a row of the run; nothing the challenger decides
 * reaches the switches, the cases, the alerts topic or the blocks in force.
 *
 * <p>Matched on the same event: a challenger whose thresholds differ fires on another event of the same incident, which
 * reads as two disagreements (each side alone once), not as one decision taken later.
 */
final class RuleChallenge {
    private RuleChallenge() {
    }

    /**
     * @throws io.ringfence.pipeline.EventFault the challenger threw on the event: its pipeline must be replaced; the
     *                                          live side's work on the event stands
     */
    static void decide(DecisionPipeline challenger, String run, String ruleSet, TelecomEvent event, Batch batch) {
        List<Decision> theirs = new ArrayList<>();
        challenger.process(event, new AlertDecisions.Sink() {
            @Override
            public void decided(Decider.Outcome outcome) {
                theirs.add(outcome.decision());
            }
        });
        List<Batch.Decided> ours = batch.recordDecisions();
        if (theirs.isEmpty() && ours.isEmpty()) {
            return;
        }
        Map<String, ArrayDeque<Decision>> challengerByKey = new LinkedHashMap<>();
        for (Decision d : theirs) {
            challengerByKey.computeIfAbsent(key(d), k -> new ArrayDeque<>()).add(d);
        }
        for (Batch.Decided d : ours) {
            Decision champion = d.outcome().decision();
            ArrayDeque<Decision> same = challengerByKey.get(key(champion));
            batch.shadowRules.add(ShadowDecisionLog.Entry.rules(run, ruleSet, champion, same == null ? null : same.poll()));
        }
        for (ArrayDeque<Decision> left : challengerByKey.values()) {
            for (Decision alone : left) {
                batch.shadowRules.add(ShadowDecisionLog.Entry.rules(run, ruleSet, null, alone));
            }
        }
    }

    /**
     * The challenger threw on the current event: each live decision on it gets a row saying so (the run's errors), and
     * whatever the challenger had added for the event is dropped.
     */
    static void failed(String run, String ruleSet, Batch batch, String error) {
        batch.dropShadowRulesOfRecord();
        for (Batch.Decided d : batch.recordDecisions()) {
            batch.shadowRules.add(ShadowDecisionLog.Entry.rulesFailed(run, ruleSet, d.outcome().decision(), error));
        }
    }

    private static String key(Decision d) {
        return d.reason() + "\n" + d.target().kind() + "\n" + d.target().value();
    }
}
