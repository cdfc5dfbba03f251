package io.ringfence.simulation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionReportCommandTest {

    @Test
    void reportsRecallPrecisionAndTimeToDetectForBothFamilies() {
        CliRun run = CliRun.of("detection-report", "--seeds", 5, "--subscribers", 300, "--incidents", 1,
                "--false-alerts");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("| typology | tuned labels | tuned recall").contains("unseen median TTD")
                .contains("| SIMBOX |").contains("median TTD");
        assertThat(run.err()).contains("tuned seed 5:").contains("unseen seed 5:");
    }

    @Test
    void saysWhereTheModelsAnomaliesLandedAndWhatTheWatchCost() {
        CliRun run = CliRun.of("detection-report", "--family", "unseen", "--seeds", 5, "--subscribers", 300,
                "--incidents", 1, "--anomalies");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("unseen: ").contains("line scores; ANOMALY alerts by where they landed:")
                .containsPattern("with the watch, [0-9.]+ µs/event without");
    }

    @Test
    void simulateWritesTheUnseenFamilyOnlyWhenAskedAndRefusesAnUnknownOne(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("e.jsonl");
        Path labels = dir.resolve("l.jsonl");
        CliRun unseen = CliRun.of("simulate", "--out", events, "--labels", labels, "--seed", 5, "--subscribers", 300,
                "--incidents", 1, "--family", "unseen");
        assertThat(unseen.exitCode()).as(unseen.toString()).isZero();
        assertThat(unseen.out()).contains("family unseen");
        assertThat(Files.readString(labels)).contains("HEAVY_CALLER").contains("BORDER_DWELLER");
        CliRun tuned = CliRun.of("simulate", "--out", events, "--labels", labels, "--seed", 5, "--subscribers", 300,
                "--incidents", 1);
        assertThat(tuned.exitCode()).as(tuned.toString()).isZero();
        assertThat(Files.readString(labels)).contains("CALL_CENTRE").doesNotContain("HEAVY_CALLER");
        CliRun wrong = CliRun.of("simulate", "--out", events, "--labels", labels, "--family", "both");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("expected tuned or unseen");
    }
}
