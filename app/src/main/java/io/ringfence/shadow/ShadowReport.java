package io.ringfence.shadow;

import io.ringfence.audit.ShadowDecisionLog;
import io.ringfence.cases.CaseOutcomes;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.governance.LiveAssets;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the models (and the rule set) in shadow would have done against what the live ones did, on the same alerts
 * (events, for a rule set): per rule, the
 * decisions, how many the challenger answered alike, the blocks and cases of each side; and, where the two
 * disagreed, what handlers later concluded about the subject (so a reviewer reads "it would have let 4 lines go that
 * were confirmed as fraud, and blocked 12 that were cleared").
 */
@Component
public class ShadowReport {
    /** Disagreements joined to case verdicts, newest first: enough to judge, bounded to answer quickly. */
    static final int DISAGREEMENTS_EXAMINED = 20_000;

    private final LiveAssets live;
    private final DecisionAssets models;
    private final ShadowDecisionLog log;
    private final CaseOutcomes outcomes;

    ShadowReport(LiveAssets live, DecisionAssets models, ShadowDecisionLog log, CaseOutcomes outcomes) {
        this.live = live;
        this.models = models;
        this.log = log;
        this.outcomes = outcomes;
    }

    public record Challenger(String kind, String changeId, String version, String problem) {
    }

    public record Totals(long decisions, long agree, Double agreement, long championBlocks, long challengerBlocks,
                         long championCases, long challengerCases, long errors) {
    }

    public record RuleRow(String ruleId, String typology, long decisions, long agree, long championBlocks,
                          long challengerBlocks, long championCases, long challengerCases, long errors,
                          long disagreedOnConfirmedFraud, long disagreedOnFalsePositive) {
    }

    /**
     * The disagreements examined (the newest {@value #DISAGREEMENTS_EXAMINED} where the challenger answered) and, of
     * those whose subject has a handler's verdict (the latest closed case on the target or subscriber): how many, and
     * how many the challenger would have blocked (the live side did not) or let go unblocked (the live side blocked).
     */
    public record Verdicts(long examined, long confirmedFraud, long falsePositive, long challengerBlocksConfirmedFraud,
                           long challengerBlocksFalsePositive, long challengerReleasesConfirmedFraud,
                           long challengerReleasesFalsePositive) {
    }

    /** The versions answering for the challenger: its own where a model of that kind is in shadow, the live one otherwise. */
    public record AnsweredBy(String decisionModel, String scoringModel) {
    }

    public record Report(List<Challenger> challengers, AnsweredBy answeredBy, Totals totals, List<RuleRow> rules,
                         Verdicts verdicts, RuleSetRun ruleSet) {
    }

    /**
     * A rule set in shadow: its decisions and the live rules' on the same events, matched by typology and target
     * ({@code NONE} on the side that took no decision), with the same totals, rows and verdicts as the models' run.
     */
    public record RuleSetRun(String changeId, String version, String run, Totals totals, List<RuleRow> rules,
                             Verdicts verdicts) {
    }

    private record Section(Totals totals, List<RuleRow> rules, Verdicts verdicts) {
    }

    public Report report() {
        List<Challenger> challengers = new ArrayList<>();
        live.inShadow().forEach((kind, f) -> {
            if (f.changeId() != null || f.problem() != null) {
                challengers.add(new Challenger(kind.id(), f.changeId() == null ? null : f.changeId().toString(),
                        f.version(), f.problem()));
            }
        });
        LiveAssets.InForce rulesInShadow = live.inShadow().get(io.ringfence.governance.AssetKind.RULES);
        RuleSetRun ruleSet = null;
        if (rulesInShadow != null && rulesInShadow.changeId() != null) {
            String run = "rules:" + rulesInShadow.changeId();
            Section s = section(run);
            ruleSet = new RuleSetRun(rulesInShadow.changeId().toString(), rulesInShadow.version(), run, s.totals(),
                    s.rules(), s.verdicts());
        }
        DecisionAssets.Challenger c = models.challenger();
        if (!c.present()) {
            return new Report(challengers, null, null, List.of(), null, ruleSet);
        }
        DecisionAssets.Live now = models.live();
        AnsweredBy by = new AnsweredBy(
                (c.decisionModel() != null ? c.decisionModel() : now.decisionModel()).version(),
                (c.scoringModel() != null ? c.scoringModel() : now.scoringModel()).version());
        Section s = section(c.run());
        return new Report(challengers, by, s.totals(), s.rules(), s.verdicts(), ruleSet);
    }

    private Section section(String run) {
        List<ShadowDecisionLog.RuleTally> tallies = log.tally(run);
        List<ShadowDecisionLog.Disagreement> disagreements = log.disagreements(run, DISAGREEMENTS_EXAMINED);
        Set<String> subjects = new LinkedHashSet<>();
        for (ShadowDecisionLog.Disagreement d : disagreements) {
            subjects.add(d.targetValue());
            if (d.subscriber() != null) {
                subjects.add(d.subscriber());
            }
        }
        Map<String, String> verdicts = subjects.isEmpty() ? Map.of() : outcomes.latest(subjects);
        Map<String, long[]> perRule = new LinkedHashMap<>();
        long[] v = new long[6];
        for (ShadowDecisionLog.Disagreement d : disagreements) {
            String verdict = verdicts.getOrDefault(d.targetValue(), d.subscriber() == null ? null : verdicts.get(d.subscriber()));
            if (verdict == null) {
                continue;
            }
            boolean fraud = "CONFIRMED_FRAUD".equals(verdict);
            perRule.computeIfAbsent(d.ruleId() + "\n" + d.typology(), r -> new long[2])[fraud ? 0 : 1]++;
            v[fraud ? 0 : 1]++;
            if (d.challengerBlocks() && !d.championBlocks()) {
                v[fraud ? 2 : 3]++;
            } else if (d.championBlocks() && !d.challengerBlocks()) {
                v[fraud ? 4 : 5]++;
            }
        }
        List<RuleRow> rules = new ArrayList<>();
        long[] t = new long[7];
        for (ShadowDecisionLog.RuleTally r : tallies) {
            long[] o = perRule.getOrDefault(r.ruleId() + "\n" + r.typology(), new long[2]);
            rules.add(new RuleRow(r.ruleId().isEmpty() ? null : r.ruleId(), r.typology(), r.decisions(), r.agree(),
                    r.championBlocks(), r.challengerBlocks(), r.championCases(), r.challengerCases(), r.errors(), o[0], o[1]));
            t[0] += r.decisions();
            t[1] += r.agree();
            t[2] += r.championBlocks();
            t[3] += r.challengerBlocks();
            t[4] += r.championCases();
            t[5] += r.challengerCases();
            t[6] += r.errors();
        }
        Totals totals = new Totals(t[0], t[1], t[0] == 0 ? null : Math.round(1000.0 * t[1] / t[0]) / 1000.0, t[2], t[3],
                t[4], t[5], t[6]);
        return new Section(totals, rules, new Verdicts(disagreements.size(), v[0], v[1], v[2], v[3], v[4], v[5]));
    }
}
