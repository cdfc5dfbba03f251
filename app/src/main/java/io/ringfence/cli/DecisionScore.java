package io.ringfence.cli;

import io.ringfence.contract.Action;
import io.ringfence.label.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decisions against ground truth, per typology: how many frauds were blocked or sent to a handler,
 * and how many blocks fell on something that was not a fraud of that typology (a false block bars an
 * honest customer or source, the costliest mistake an FMS makes).
 */
final class DecisionScore {
    record Row(String typology, int frauds, int blocked, int toCase, int watchedOnly, int falseBlocks, int falseCases) {
    }

    private DecisionScore() {
    }

    static Map<String, Row> score(List<Label> labels, List<ReplayStats.DecidedTarget> decided) {
        Map<String, List<Label>> frauds = new TreeMap<>();
        for (Label l : labels) {
            if (l.isFraud()) {
                frauds.computeIfAbsent(l.typology(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<String, List<ReplayStats.DecidedTarget>> byTypology = new TreeMap<>();
        for (ReplayStats.DecidedTarget d : decided) {
            byTypology.computeIfAbsent(d.typology(), k -> new ArrayList<>()).add(d);
        }
        java.util.Set<String> typologies = new java.util.TreeSet<>(frauds.keySet());
        typologies.addAll(byTypology.keySet());
        Map<String, Row> out = new TreeMap<>();
        for (String t : typologies) {
            List<Label> ls = frauds.getOrDefault(t, List.of());
            List<ReplayStats.DecidedTarget> ds = byTypology.getOrDefault(t, List.of());
            int blocked = 0;
            int toCase = 0;
            int watched = 0;
            for (Label l : ls) {
                List<ReplayStats.DecidedTarget> mine = ds.stream().filter(d -> matches(l, d)).toList();
                if (mine.stream().anyMatch(d -> d.action().isBlock())) {
                    blocked++;
                } else if (mine.stream().anyMatch(d -> d.action() == Action.OPEN_CASE)) {
                    toCase++;
                } else if (!mine.isEmpty()) {
                    watched++;
                }
            }
            int falseBlocks = 0;
            int falseCases = 0;
            for (ReplayStats.DecidedTarget d : ds) {
                boolean fraud = ls.stream().anyMatch(l -> matches(l, d));
                if (!fraud && d.action().isBlock()) {
                    falseBlocks++;
                } else if (!fraud && d.action() == Action.OPEN_CASE) {
                    falseCases++;
                }
            }
            out.put(t, new Row(t, ls.size(), blocked, toCase, watched, falseBlocks, falseCases));
        }
        return out;
    }

    static String table(List<Label> labels, List<ReplayStats.DecidedTarget> decided) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-20s %7s %8s %8s %8s %12s %11s%n", "decisions", "frauds", "blocked",
                "to case", "watched", "false blocks", "false cases"));
        for (Row r : score(labels, decided).values()) {
            b.append(String.format(Locale.ROOT, "%-20s %7d %8d %8d %8d %12d %11d%n", r.typology(), r.frauds(),
                    r.blocked(), r.toCase(), r.watchedOnly(), r.falseBlocks(), r.falseCases()));
        }
        return b.toString();
    }

    private static boolean matches(Label l, ReplayStats.DecidedTarget d) {
        return l.typology().equals(d.typology()) && d.kind().equals(l.subjectKind()) && d.value().equals(l.subjectValue());
    }
}
