package io.ringfence.label;

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

    /**
     * @param detectMillis for each detected label, its time to detect: the earliest {@code detectedAt} of a
     *                     matching alert minus the incident's start (negative when an alert on the same
     *                     subject came before the incident started), sorted
     */
    public record Score(String typology, int labels, int detected, int alerts, int truePositiveAlerts,
                        List<Long> detectMillis) {
        /** Median time to detect of the detected labels, or {@link #NONE} when none was detected. */
        public long medianDetectMillis() {
            return median(detectMillis);
        }

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
            List<Long> ttd = new ArrayList<>();
            for (Label l : ls) {
                long first = Long.MAX_VALUE;
                for (ScoredAlert a : as) {
                    if (matches(l, a)) {
                        first = Math.min(first, a.detectedAt());
                    }
                }
                if (first != Long.MAX_VALUE) {
                    detected++;
                    ttd.add(first - l.startMillis());
                }
            }
            java.util.Collections.sort(ttd);
            int tp = 0;
            for (ScoredAlert a : as) {
                if (ls.stream().anyMatch(l -> matches(l, a))) {
                    tp++;
                }
            }
            out.put(t, new Score(t, ls.size(), detected, as.size(), tp, List.copyOf(ttd)));
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
        StringBuilder s = new StringBuilder(String.format("%-20s %7s %9s %7s %7s %7s %10s %11s%n",
                "typology", "labels", "detected", "alerts", "TP", "recall", "precision", "median TTD"));
        for (Score sc : scores.values()) {
            s.append(String.format(java.util.Locale.ROOT, "%-20s %7d %9d %7d %7d %7.3f %10.3f %11s%n", sc.typology(),
                    sc.labels(), sc.detected(), sc.alerts(), sc.truePositiveAlerts(), sc.recall(), sc.precision(),
                    duration(sc.medianDetectMillis())));
        }
        return s.toString();
    }

    /** No value: no label was detected. */
    public static final long NONE = Long.MIN_VALUE;

    /** The median of sorted values (the mean of the middle two for an even count), or {@link #NONE} for none. */
    public static long median(List<Long> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return NONE;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A time to detect for a table: {@code 42 s}, {@code 12.5 min}, {@code 2.3 h}; {@code -} for none. */
    public static String duration(long millis) {
        if (millis == NONE) {
            return "-";
        }
        if (millis < 0) {
            return "-" + duration(-millis);
        }
        if (millis < 60_000) {
            return (millis / 1000) + " s";
        }
        if (millis < 3_600_000) {
            return String.format(java.util.Locale.ROOT, "%.1f min", millis / 60_000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }
}
