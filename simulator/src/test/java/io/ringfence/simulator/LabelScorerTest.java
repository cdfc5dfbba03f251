package io.ringfence.simulator;

import io.ringfence.label.Label;
import io.ringfence.label.LabelScorer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelScorerTest {
    private static Label fraud(String id, String subject, long start) {
        return new Label(id, Label.FRAUD, "IRSF", "SUBSCRIBER", subject, subject, start, start + 3_600_000);
    }

    private static LabelScorer.ScoredAlert alert(String subject, long at) {
        return new LabelScorer.ScoredAlert("IRSF", "SUBSCRIBER", subject, at);
    }

    @Test
    void timeToDetectIsTheEarliestMatchingAlertMinusTheIncidentStartAndTheMedianIsOverDetectedLabels() {
        List<Label> labels = List.of(fraud("INC-1", "+447700000001", 0), fraud("INC-2", "+447700000002", 1_000_000),
                fraud("INC-3", "+447700000003", 0), fraud("INC-4", "+447700000004", 0));
        List<LabelScorer.ScoredAlert> alerts = List.of(alert("+447700000001", 600_000), alert("+447700000001", 60_000),
                alert("+447700000002", 1_300_000), alert("+447700000003", 1_200_000), alert("+447700000009", 5));
        LabelScorer.Score s = LabelScorer.score(labels, alerts).get("IRSF");
        assertThat(s.detected()).isEqualTo(3);
        assertThat(s.detectMillis()).containsExactly(60_000L, 300_000L, 1_200_000L);
        assertThat(s.medianDetectMillis()).isEqualTo(300_000L);
        assertThat(LabelScorer.table(LabelScorer.score(labels, alerts))).contains("median TTD").contains("5.0 min");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndNoneIsADash() {
        assertThat(LabelScorer.median(List.of(10L, 20L, 40L, 80L))).isEqualTo(30L);
        assertThat(LabelScorer.median(List.of())).isEqualTo(LabelScorer.NONE);
        assertThat(LabelScorer.duration(LabelScorer.NONE)).isEqualTo("-");
        assertThat(LabelScorer.duration(42_000)).isEqualTo("42 s");
        assertThat(LabelScorer.duration(9_000_000)).isEqualTo("2.5 h");
    }

    @Test
    void theUnseenFamilyIsAnotherDayThanTheTunedOneForTheSameSeed() {
        SimulationConfig tuned = new SimulationConfig(3, 200, SimulationConfig.DEFAULT_START, 24, 1);
        SimulationConfig unseen = new SimulationConfig(3, 200, SimulationConfig.DEFAULT_START, 24, 1,
                SimulationConfig.Family.UNSEEN);
        assertThat(tuned.family()).isEqualTo(SimulationConfig.Family.TUNED);
        List<String> tunedKinds = new TrafficSimulator(tuned).labels().stream().map(Label::typology).distinct().toList();
        List<String> unseenKinds = new TrafficSimulator(unseen).labels().stream().map(Label::typology).distinct().toList();
        assertThat(unseenKinds).contains("HEAVY_CALLER", "BORDER_DWELLER", "SHOP_REISSUE", "OTP_BURST", "TELESALES")
                .doesNotContain("CALL_CENTRE", "TRAVELLER");
        assertThat(tunedKinds).contains("CALL_CENTRE").doesNotContain("HEAVY_CALLER");
        assertThat(frauds(unseen)).as("every typology has unseen frauds").isEqualTo(frauds(tuned)).hasSize(13);
    }

    private static java.util.Set<String> frauds(SimulationConfig c) {
        return new TrafficSimulator(c).labels().stream().filter(Label::isFraud).map(Label::typology)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
