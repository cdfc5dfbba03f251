package io.ringfence.training;

import io.ringfence.detection.RuleParameters;
import io.ringfence.event.TelecomEvent;
import io.ringfence.label.Label;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.scoring.FraudModel;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictRowsTest {
    private static final long HOUR = 3_600_000L;
    /** A day of the unseen family, which the shipped model never trained on. */
    private static final SimulationConfig UNSEEN = new SimulationConfig(41, 800, SimulationConfig.DEFAULT_START, 24, 3,
            SimulationConfig.Family.UNSEEN);

    private static VerdictRows rowsOf(List<Label> verdicts, Iterable<TelecomEvent> events) {
        VerdictRows rows = new VerdictRows(verdicts, new ReferenceDataRepository(ReferenceDataLoader.defaults()),
                RuleParameters.defaults());
        for (TelecomEvent e : events) {
            rows.observe(e);
        }
        return rows;
    }

    @Test
    void aVerdictGivesItsLinesFeaturesWhenDecidedAndEveryHourToAnHourAfterAndVictimsAreLeftOut() {
        SimulationConfig config = new SimulationConfig(5, 300, SimulationConfig.DEFAULT_START, 24, 1);
        TrafficSimulator day = new TrafficSimulator(config);
        Label irsf = day.labels().stream().filter(l -> l.isFraud() && l.typology().equals("IRSF")).findFirst().orElseThrow();
        Label wangiri = day.labels().stream().filter(l -> l.isFraud() && l.typology().equals("WANGIRI")).findFirst().orElseThrow();
        Label confirmed = new Label("case-1", Label.FRAUD, "IRSF", "SUBSCRIBER", irsf.subscriber(), irsf.subscriber(),
                irsf.startMillis(), irsf.endMillis());
        Label victim = new Label("case-2", Label.FRAUD, "WANGIRI", "CALLER", "+999", wangiri.subscriber(),
                wangiri.startMillis(), wangiri.endMillis());
        Label noLine = new Label("case-3", Label.LOOKALIKE, "SS7_ATTACK", "GLOBAL_TITLE", "8613800138000", null,
                irsf.startMillis(), irsf.endMillis());

        VerdictRows rows = rowsOf(List.of(confirmed, victim, noLine), day);
        List<VerdictRows.Row> out = rows.finish();

        long hours = (irsf.endMillis() + HOUR) / HOUR - irsf.startMillis() / HOUR;
        assertThat(out).hasSizeBetween((int) hours, (int) hours + 1).allMatch(r -> r.incidentId().equals("case-1") && r.fraud());
        assertThat(out).extracting(VerdictRows.Row::atMillis).contains(irsf.endMillis())
                .allMatch(t -> t >= irsf.startMillis() && t <= irsf.endMillis() + HOUR);
        VerdictRows.Row decided = out.stream().filter(r -> r.atMillis() == irsf.endMillis()).findFirst().orElseThrow();
        assertThat(decided.features()[FeatureSchema.indexOf("moCalls24h")]).as("the pumped calls are in the features").isPositive();
        assertThat(FraudModel.shipped().score(new FeatureVector(decided.features())))
                .as("the shipped model sees the fraud in the row").isGreaterThan(0.5);
        assertThat(rows.skipped()).containsOnlyKeys("fraud against the line from outside (WANGIRI)",
                "no line (the case's subject is not a subscriber)");
        long events = 0;
        for (TelecomEvent ignored : new TrafficSimulator(config)) {
            events++;
        }
        assertThat(rows.events()).isEqualTo(events);
    }

    @Test
    void falsePositivesTheModelScoredHighAreScoredLowerByTheModelTrainedOnThem() {
        TrafficSimulator day = new TrafficSimulator(UNSEEN);
        FraudModel shipped = FraudModel.shipped();
        // The team's false positives: the unseen look-alikes the shipped model scores as fraud.
        List<Label> lookalikes = new ArrayList<>();
        for (Label l : day.labels()) {
            if (!l.isFraud() && l.subscriber() != null) {
                lookalikes.add(new Label("case-" + l.incidentId(), Label.LOOKALIKE, "ANOMALY", "SUBSCRIBER", l.subscriber(),
                        l.subscriber(), l.startMillis(), l.endMillis()));
            }
        }
        List<VerdictRows.Row> all = rowsOf(lookalikes, day).finish();
        Set<String> flagged = new HashSet<>();
        for (VerdictRows.Row r : all) {
            if (shipped.score(new FeatureVector(r.features())) >= 0.8) {
                flagged.add(r.incidentId());
            }
        }
        assertThat(flagged).as("look-alikes of the unseen family the shipped model calls fraud").isNotEmpty();
        List<VerdictRows.Row> falsePositives = all.stream().filter(r -> flagged.contains(r.incidentId())).toList();

        Training.Result retrained = Training.run(TrainingConfig.SHIPPED.withVersion("1.0.1-test"), falsePositives, 50f);

        double before = mean(Training.scores(shipped, falsePositives));
        double after = mean(retrained.verdicts().scores());
        assertThat(after).as("mean score on the false positives: shipped %.3f", before).isLessThan(before - 0.3);
        assertThat(retrained.heldOutAuc()).as("the simulated frauds are still told apart").isGreaterThan(0.98);
        String card = new ModelCard(retrained, Instant.EPOCH).markdown();
        assertThat(card).contains("## Case verdicts").contains("| false positive | ANOMALY | " + flagged.size() + " | "
                + falsePositives.size() + " |");
        assertThat(new ModelCard(retrained, Instant.EPOCH).json()).contains("\"verdicts\": {\"rows\": " + falsePositives.size());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
