package io.ringfence.pipeline;

import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.detection.Typology;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.label.LabelScorer;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh simulated day (a seed no rule was tuned on) through the whole detection pipeline, scored
 * against the simulator's ground truth: every typology must reach the recall and precision.
 */
class SimulatedDayDetectionTest {

    @Test
    void everyTypologyIsDetectedWithHighRecallAndPrecisionOnAnUnseenDay() {
        long seed = Long.getLong("ringfence.test.seed", System.nanoTime());
        TrafficSimulator sim = new TrafficSimulator(new SimulationConfig(seed, 3000,
                SimulationConfig.DEFAULT_START, 24, 6));
        RuleSet rules = RuleSetCompiler.compileDefault();
        List<LabelScorer.ScoredAlert> alerts = new ArrayList<>();
        AlertListener collect = new AlertListener() {
            @Override
            public void closed(Alert a) {
                alerts.add(new LabelScorer.ScoredAlert(a.getTypology().name(), a.getSubject().kind().name(),
                        a.getSubject().value(), a.getDetectedAt()));
            }
        };
        long events = 0;
        try (DetectionPipeline pipeline = new DetectionPipeline(rules,
                new ReferenceDataRepository(ReferenceDataLoader.defaults()), collect)) {
            for (var e : sim) {
                pipeline.process(e);
                events++;
            }
        }
        Map<String, LabelScorer.Score> scores = LabelScorer.score(sim.labels(), alerts);
        String table = "seed " + seed + ", " + events + " events\n" + LabelScorer.table(scores)
                + LabelScorer.misses(sim.labels(), alerts);
        System.out.println(table);
        assertThat(scores.keySet()).as(table).containsAll(
                Typology.ofRules().stream().map(Enum::name).toList());
        assertThat(scores.values()).as(table).allSatisfy(s -> {
            assertThat(s.recall()).as(s.typology() + " recall\n" + table).isGreaterThanOrEqualTo(0.95);
            assertThat(s.precision()).as(s.typology() + " precision\n" + table).isGreaterThanOrEqualTo(0.90);
        });
    }
}
