package io.ringfence.cli;

import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.RuleSet;

import java.util.Locale;
import java.util.Map;

/** The end-of-run report on stdout: counts first, then alerts by typology, then speed. */
final class ReplaySummary {
    private ReplaySummary() {
    }

    static String text(ReplayCommand c, ReplayStats s, RuleSet rules, DecisionAssets assets, double compileSeconds,
                       java.nio.file.Path traces) {
        StringBuilder b = new StringBuilder();
        line(b, "Replayed %s with rule set %s (%d rules, compiled in %.1f s)", c.events, rules.version(),
                rules.rules().size(), compileSeconds);
        line(b, "  events read   %,12d", s.eventsRead());
        line(b, "  accepted      %,12d  (%,d duplicates ignored)", s.accepted, s.duplicates);
        line(b, "  rejected      %,12d  %s", s.rejected,
                s.rejected == 0 ? "" : c.rejects == null ? "(see stderr)" : "-> " + c.rejects);
        if (s.failed > 0) {
            line(b, "  set aside     %,12d  (internal errors, among the rejected; stack traces in %s)", s.failed, traces);
        }
        if (s.blankLines > 0) {
            line(b, "  blank lines   %,12d  (skipped)", s.blankLines);
        }
        line(b, "Alerts %,d -> %s", s.alerts, c.alerts);
        for (Map.Entry<String, Long> t : s.alertsByTypology.entrySet()) {
            line(b, "  %-20s %,7d", t.getKey(), t.getValue());
        }
        DecisionAssets.Live live = assets.live();
        line(b, "Decisions %,d -> %s (decision model %s %s, scoring model %s %s)", s.decisions, c.decisions,
                live.decisionModel().name(), live.decisionModel().version(), live.scoringModel().name(),
                live.scoringModel().version());
        for (Map.Entry<String, Long> t : s.decisionsByAction.entrySet()) {
            line(b, "  %-20s %,7d", t.getKey(), t.getValue());
        }
        if (s.suppressedBlocks > 0) {
            line(b, "  %,d repeated blocks not sent again (a block on the same target was in force)", s.suppressedBlocks);
        }
        line(b, "Wall time %.1f s, %,.0f events/s", s.seconds(), s.eventsPerSecond());
        return b.toString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
