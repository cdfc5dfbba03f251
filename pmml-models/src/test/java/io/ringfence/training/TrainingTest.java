package io.ringfence.training;

import io.ringfence.scoring.FraudModel;
import io.ringfence.label.Label;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingTest {
    static final long HOUR = 3_600_000L;
    /** Small enough for seconds: the smallest day the simulator accepts, few incidents, few trees. */
    static final TrainingConfig SMALL = new TrainingConfig("0.0.1-test", 11, 12, 300, 24, 2, 20, 3, 0.3, 0.8, 1, 1);

    static byte[] resource(String name) throws IOException {
        try (InputStream in = TrainingTest.class.getClassLoader().getResourceAsStream("io/ringfence/scoring/" + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void training_twice_on_the_same_config_gives_the_same_pmml_bytes() {
        byte[] first = Training.pmml(SMALL);
        byte[] second = Training.pmml(SMALL);
        assertThat(second).isEqualTo(first);
        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text).contains("modelVersion=\"0.0.1-test\"").doesNotContain("<Timestamp");
        assertThat(FraudModel.load(first).name()).isEqualTo(ModelTrainer.MODEL_NAME);
    }

    @Test
    void the_shipped_pmml_is_the_one_its_model_card_describes() throws IOException {
        String sha = FraudModel.shipped().sha256();
        assertThat(new String(resource(TrainCommand.CARD_FILE), StandardCharsets.UTF_8)).contains("`" + sha + "`");
        assertThat(new String(resource(TrainCommand.CARD_JSON_FILE), StandardCharsets.UTF_8))
                .contains("\"sha256\": \"" + sha + "\"")
                .contains("\"version\": \"" + FraudModel.shipped().version() + "\"");
        assertThat(FraudModel.shipped().version()).isEqualTo(TrainingConfig.SHIPPED.modelVersion());
    }

    /** The strongest proof that the repository's PMML is what the training command produced. */
    @Test
    void retraining_the_shipped_config_reproduces_the_shipped_pmml_byte_for_byte() throws Exception {
        assertThat(sha256(Training.pmml(TrainingConfig.SHIPPED)))
                .as("sha256 of the retrained PMML; it differs from the shipped one: run pmml-models/train and commit both files")
                .isEqualTo(sha256(resource(TrainCommand.PMML_FILE)));
    }

    @Test
    void a_line_is_positive_during_its_own_fraud_and_left_out_the_day_after() {
        FraudLabels labels = new FraudLabels(List.of(
                new Label("INC-1", Label.FRAUD, "IRSF", "SUBSCRIBER", "+44a", "+44a", 10 * HOUR, 12 * HOUR),
                new Label("INC-2", Label.FRAUD, "WANGIRI", "NUMBER", "+88", "+44b", 10 * HOUR, 12 * HOUR),
                new Label("INC-3", Label.LOOKALIKE, "TRAVELLER", null, null, "+44c", 10 * HOUR, 12 * HOUR)));
        assertThat(labels.at("+44a", 9 * HOUR)).isEqualTo(FraudLabels.Verdict.NEGATIVE);
        assertThat(labels.at("+44a", 11 * HOUR)).isEqualTo(FraudLabels.Verdict.POSITIVE);
        assertThat(labels.at("+44a", 13 * HOUR)).isEqualTo(FraudLabels.Verdict.POSITIVE);
        assertThat(labels.at("+44a", 20 * HOUR)).isEqualTo(FraudLabels.Verdict.EXCLUDED);
        assertThat(labels.at("+44a", 40 * HOUR)).isEqualTo(FraudLabels.Verdict.NEGATIVE);
        assertThat(labels.at("+44b", 11 * HOUR)).as("a Wangiri victim's own traffic is ordinary").isEqualTo(FraudLabels.Verdict.NEGATIVE);
        assertThat(labels.at("+44c", 11 * HOUR)).as("look-alikes are negatives").isEqualTo(FraudLabels.Verdict.NEGATIVE);
    }

    @Test
    void auc_and_threshold_metrics() {
        double[] scores = {0.1, 0.2, 0.3, 0.8, 0.9, 0.35};
        float[] labels = {0, 0, 0, 1, 1, 1};
        assertThat(Metrics.auc(scores, labels)).isCloseTo(1.0, within(1e-12));
        assertThat(Metrics.auc(new double[]{0.5, 0.5, 0.5, 0.5}, new float[]{0, 1, 0, 1})).isCloseTo(0.5, within(1e-12));
        assertThat(Metrics.auc(new double[]{0.9, 0.1}, new float[]{0, 1})).isZero();
        Metrics.AtThreshold at = Metrics.at(scores, labels, 0.5);
        assertThat(at.precision()).isEqualTo(1.0);
        assertThat(at.recall()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(at.flagged()).isEqualTo(2);
        assertThat(Metrics.maxF1(scores, labels).threshold()).isCloseTo(0.31, within(1e-9));
        assertThat(Metrics.maxF1(scores, labels).f1()).isEqualTo(1.0);
    }
}
