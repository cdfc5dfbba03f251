package io.ringfence.cli;

import io.ringfence.contract.Action;
import io.ringfence.decision.Decider;
import io.ringfence.label.LabelScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one replay run counted; filled by {@link Replay}, printed by {@link ReplayCommand}. */
final class ReplayStats {
    long lines;
    long blankLines;
    long accepted;
    long rejected;
    long duplicates;
    /** Accepted events set aside because a stage threw on them (also in the rejects). */
    long failed;
    long alerts;
    long nanos;
    final Map<String, Long> alertsByTypology = new TreeMap<>();
    final List<LabelScorer.ScoredAlert> scored = new ArrayList<>();
    long decisions;
    long suppressedBlocks;
    final Map<String, Long> decisionsByAction = new TreeMap<>();
    /** Emitted decisions as (typology, target) pairs with their action, for scoring against ground truth. */
    final List<DecidedTarget> decided = new ArrayList<>();

    record DecidedTarget(String typology, String kind, String value, Action action) {
    }

    void count(Decider.Outcome o) {
        if (!o.emitted()) {
            suppressedBlocks++;
            return;
        }
        decisions++;
        decisionsByAction.merge(o.decision().action().name(), 1L, Long::sum);
        decided.add(new DecidedTarget(o.decision().reason(), o.decision().target().kind().name(),
                o.decision().target().value(), o.decision().action()));
    }

    /** Non-blank lines: each is an event, accepted or rejected. */
    long eventsRead() {
        return lines - blankLines;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double eventsPerSecond() {
        return eventsRead() / Math.max(seconds(), 1e-3);
    }
}
