package io.ringfence.backtest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reviewer reads first: how many alerts and decisions the draft adds, removes and changes, in all,
 * per typology and per rule, and how many of the decisions that differ fall on subjects that handlers
 * later confirmed as fraud or cleared as false positives.
 *
 * @param rejected stored rows that no longer parse as events (skipped)
 * @param refused  events whose time is too far ahead of the newest event before them (stream.maxClockJump): refused
 *                 by both sides, as replay and the stream refuse them
 * @param liveFaults events a stage threw on, live side (that side started again empty after each)
 */
record BacktestSummary(long events, long rejected, long refused, Totals live, Totals draft, Group all,
                       Map<String, Group> byTypology, Map<String, Group> byRule, long liveFaults, long draftFaults) {

    record Totals(long alerts, long decisions) {
    }

    record Counts(long added, long removed, long changed) {
        Counts plus(Difference.Change c) {
            return new Counts(added + (c == Difference.Change.ADDED ? 1 : 0),
                    removed + (c == Difference.Change.REMOVED ? 1 : 0), changed + (c == Difference.Change.CHANGED ? 1 : 0));
        }
    }

    /**
     * @param onConfirmedFraud the decisions that differ on subjects whose latest case was confirmed fraud
     * @param onFalsePositives the same on subjects cleared as false positives
     */
    record Group(Counts alerts, Counts decisions, Counts onConfirmedFraud, Counts onFalsePositives) {
        static final Counts NONE = new Counts(0, 0, 0);
        static final Group EMPTY = new Group(NONE, NONE, NONE, NONE);

        Group plus(Difference d) {
            if (d.output() == Output.Kind.ALERT) {
                return new Group(alerts.plus(d.change()), decisions, onConfirmedFraud, onFalsePositives);
            }
            return new Group(alerts, decisions.plus(d.change()),
                    "CONFIRMED_FRAUD".equals(d.caseOutcome()) ? onConfirmedFraud.plus(d.change()) : onConfirmedFraud,
                    "FALSE_POSITIVE".equals(d.caseOutcome()) ? onFalsePositives.plus(d.change()) : onFalsePositives);
        }
    }

    static BacktestSummary of(long events, SideBySide sides, Comparison comparison, List<Difference> differences) {
        Group all = Group.EMPTY;
        Map<String, Group> byTypology = new TreeMap<>();
        Map<String, Group> byRule = new TreeMap<>();
        for (Difference d : differences) {
            all = all.plus(d);
            byTypology.merge(d.typology(), Group.EMPTY.plus(d), (a, b) -> a.plus(d));
            byRule.merge(d.ruleId() == null ? "(none)" : d.ruleId(), Group.EMPTY.plus(d), (a, b) -> a.plus(d));
        }
        return new BacktestSummary(events, sides.rejected(), sides.refused(),
                new Totals(comparison.liveCount(Output.Kind.ALERT), comparison.liveCount(Output.Kind.DECISION)),
                new Totals(comparison.draftCount(Output.Kind.ALERT), comparison.draftCount(Output.Kind.DECISION)),
                all, byTypology, byRule, sides.liveFaults(), sides.draftFaults());
    }
}
