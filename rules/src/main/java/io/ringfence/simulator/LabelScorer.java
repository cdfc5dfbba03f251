package io.ringfence.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores alerts against ground truth, per typology. An alert is a true positive when a fraud label
 * of the same typology names the same subject; a label is detected when at least one alert does.
 * Everything else an alert matches (a look-alike, an ordinary subscriber) is a false positive.
 */
public final class LabelScorer {

    /** The part of an alert the scorer needs. */
    public record ScoredAlert(String typology, String subjectKind, String subjectValue, long detectedAt) {}

    public record Score(String typology, int labels, int detected, int alerts, int truePositiveAlerts) {
        public double recall() {
            return labels == 0 ? 1.0 : detected / (double) labels;
        }

        public double precision() {
            return alerts == 0 ? (labels == 0 ? 1.0 : 0.0) : truePositiveAlerts / (double) alerts;
        }
    }

    public static Map<String, Score> score(List<Label> labels, List<ScoredAlert> alerts) {
        Map<String, List<Label>> frauds = new TreeMap<>();
        for (Label l : labels) {
            if (l.isFraud()) {
                frauds.computeIfAbsent(l.typology(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<String, List<ScoredAlert>> byTypology = new TreeMap<>();
        for (ScoredAlert a : alerts) {
            byTypology.computeIfAbsent(a.typology(), k -> new ArrayList<>()).add(a);
        }
        Map<String, Score> out = new TreeMap<>();
        java.util.Set<String> typologies = new java.util.TreeSet<>(frauds.keySet());
        typologies.addAll(byTypology.keySet());
        for (String t : typologies) {
            List<Label> ls = frauds.getOrDefault(t, List.of());
            List<ScoredAlert> as = byTypology.getOrDefault(t, List.of());
            int detected = 0;
            for (Label l : ls) {
                if (as.stream().anyMatch(a -> matches(l, a))) {
                    detected++;
                }
            }
            int tp = 0;
            for (ScoredAlert a : as) {
                if (ls.stream().anyMatch(l -> matches(l, a))) {
                    tp++;
                }
            }
            out.put(t, new Score(t, ls.size(), detected, as.size(), tp));
        }
        return out;
    }

    /** The fraud labels no alert matched, and the alerts no fraud label matched: what an analyst looks at. */
    public static String misses(List<Label> labels, List<ScoredAlert> alerts) {
        StringBuilder s = new StringBuilder();
        for (Label l : labels) {
            if (l.isFraud() && alerts.stream().noneMatch(a -> a.typology().equals(l.typology()) && matches(l, a))) {
                s.append("missed: ").append(l).append('\n');
            }
        }
        for (ScoredAlert a : alerts) {
            if (labels.stream().noneMatch(l -> l.isFraud() && l.typology().equals(a.typology()) && matches(l, a))) {
                s.append("false positive: ").append(a).append('\n');
            }
        }
        return s.toString();
    }

    private static boolean matches(Label l, ScoredAlert a) {
        return l.subjectKind().equals(a.subjectKind()) && l.subjectValue().equals(a.subjectValue());
    }

    public static String table(Map<String, Score> scores) {
        StringBuilder s = new StringBuilder(String.format("%-20s %7s %9s %7s %7s %7s %10s%n",
                "typology", "labels", "detected", "alerts", "TP", "recall", "precision"));
        for (Score sc : scores.values()) {
            s.append(String.format("%-20s %7d %9d %7d %7d %7.3f %10.3f%n", sc.typology(), sc.labels(), sc.detected(),
                    sc.alerts(), sc.truePositiveAlerts(), sc.recall(), sc.precision()));
        }
        return s.toString();
    }
}
