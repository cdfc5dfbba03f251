package io.ringfence.simulation;

import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.detection.RuleSet;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.label.Label;
import io.ringfence.label.LabelScorer;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recall, precision and median time to detect per typology, pooled over several simulated days of one
 * scenario family, through the whole detection pipeline (enrich and detect, as replay runs them). Pooled
 * means: the labels, alerts and times to detect of all the days counted together.
 */
public final class SimulatedDetectionReport {

    /** One family's pooled scores, and each day's, in seed order. */
    public record FamilyResult(SimulationConfig.Family family, List<Long> seeds, Map<String, LabelScorer.Score> pooled,
                               List<Map<String, LabelScorer.Score>> perSeed, long events,
                               Map<String, Integer> falseAlertSources) {
        /** The lowest precision of any single day for a typology (1.0 when no day had alerts or labels). */
        public double worstPrecision(String typology) {
            return perSeed.stream().map(m -> m.get(typology)).filter(java.util.Objects::nonNull)
                    .mapToDouble(LabelScorer.Score::precision).min().orElse(1.0);
        }
    }

    private SimulatedDetectionReport() {
    }

    public static FamilyResult run(RuleSet rules, ReferenceDataRepository reference, SimulationConfig.Family family,
                                   List<Long> seeds, int subscribers, int hours, int incidents,
                                   java.util.function.Consumer<String> progress) {
        List<Label> allLabels = new ArrayList<>();
        List<LabelScorer.ScoredAlert> allAlerts = new ArrayList<>();
        List<Map<String, LabelScorer.Score>> perSeed = new ArrayList<>();
        long events = 0;
        Map<String, Integer> sources = new TreeMap<>();
        for (long seed : seeds) {
            TrafficSimulator sim = new TrafficSimulator(new SimulationConfig(seed, subscribers,
                    SimulationConfig.DEFAULT_START, hours, incidents, family));
            List<LabelScorer.ScoredAlert> alerts = new ArrayList<>();
            String day = "#" + seed + ":";
            AlertListener collect = new AlertListener() {
                @Override
                public void closed(Alert a) {
                    // Subjects are prefixed with the day so that pooled days never match each other's labels.
                    alerts.add(new LabelScorer.ScoredAlert(a.getTypology().name(), a.getSubject().kind().name(),
                            day + a.getSubject().value(), a.getDetectedAt()));
                }
            };
            long n = 0;
            try (DetectionPipeline pipeline = new DetectionPipeline(rules, reference, collect)) {
                for (var e : sim) {
                    pipeline.process(e);
                    n++;
                }
            }
            events += n;
            List<Label> labels = new ArrayList<>();
            for (Label l : sim.labels()) {
                labels.add(new Label(day + l.incidentId(), l.kind(), l.typology(), l.subjectKind(),
                        l.subjectValue() == null ? null : day + l.subjectValue(), l.subscriber(), l.startMillis(),
                        l.endMillis()));
            }
            perSeed.add(LabelScorer.score(labels, alerts));
            countFalseAlertSources(labels, alerts, day, sources);
            allLabels.addAll(labels);
            allAlerts.addAll(alerts);
            progress.accept(String.format(Locale.ROOT, "%s seed %d: %,d events, %d labels, %d alerts",
                    family.name().toLowerCase(Locale.ROOT), seed, n, labels.size(), alerts.size()));
        }
        return new FamilyResult(family, List.copyOf(seeds), LabelScorer.score(allLabels, allAlerts),
                Collections.unmodifiableList(perSeed), events, Collections.unmodifiableMap(sources));
    }

    /**
     * Names what each false alert landed on: the look-alike or fraud label whose subscriber (or subject) it
     * names, as {@code TYPOLOGY <- LABEL}, or {@code TYPOLOGY <- ordinary} for an unlabelled subject.
     */
    private static void countFalseAlertSources(List<Label> labels, List<LabelScorer.ScoredAlert> alerts, String day,
                                               Map<String, Integer> sources) {
        for (LabelScorer.ScoredAlert a : alerts) {
            boolean tp = labels.stream().anyMatch(l -> l.isFraud() && l.typology().equals(a.typology())
                    && l.subjectKind().equals(a.subjectKind()) && l.subjectValue().equals(a.subjectValue()));
            if (tp) {
                continue;
            }
            String value = a.subjectValue().substring(day.length());
            String on = labels.stream()
                    .filter(l -> value.equals(l.subscriber()) || (day + value).equals(l.subjectValue()))
                    .map(l -> (l.isFraud() ? "fraud " : "") + l.typology()).findFirst().orElse("ordinary");
            sources.merge(a.typology() + " <- " + on, 1, Integer::sum);
        }
    }

    /**
     * A Markdown table with one row per typology and, for each family, pooled recall, pooled precision
     * (and the worst day's), and median time to detect.
     */
    public static String markdown(List<FamilyResult> results) {
        StringBuilder s = new StringBuilder("| typology |");
        StringBuilder rule = new StringBuilder("|---|");
        for (FamilyResult r : results) {
            String f = r.family().name().toLowerCase(Locale.ROOT);
            s.append(' ').append(f).append(" labels | ").append(f).append(" recall | ").append(f)
                    .append(" precision (worst day) | ").append(f).append(" median TTD |");
            rule.append("---:|---:|---:|---:|");
        }
        s.append('\n').append(rule).append('\n');
        TreeSet<String> typologies = new TreeSet<>();
        results.forEach(r -> typologies.addAll(r.pooled().keySet()));
        for (String t : typologies) {
            s.append("| ").append(t).append(" |");
            for (FamilyResult r : results) {
                LabelScorer.Score sc = r.pooled().get(t);
                if (sc == null) {
                    s.append(" 0 | - | - | - |");
                    continue;
                }
                s.append(String.format(Locale.ROOT, " %d | %.2f | %.2f (%.2f) | %s |", sc.labels(), sc.recall(),
                        sc.precision(), r.worstPrecision(t), LabelScorer.duration(sc.medianDetectMillis())));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The alerts of each typology that matched no fraud label, pooled, by count: where precision goes. */
    public static Map<String, Integer> falseAlerts(FamilyResult r) {
        Map<String, Integer> out = new TreeMap<>();
        r.pooled().forEach((t, sc) -> out.put(t, sc.alerts() - sc.truePositiveAlerts()));
        return out;
    }
}
