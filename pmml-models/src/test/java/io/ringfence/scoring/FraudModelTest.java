package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureTracker;
import io.ringfence.features.FeatureVector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FraudModelTest {

    static byte[] shippedBytes() throws IOException {
        try (InputStream in = FraudModel.class.getClassLoader().getResourceAsStream(FraudModel.SHIPPED_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    static String shippedText() throws IOException {
        return new String(shippedBytes(), StandardCharsets.UTF_8);
    }

    /** An ordinary line in the afternoon: a few domestic calls and messages on one phone. */
    static FeatureVector ordinary() {
        return vector(new double[]{1, 6, 1, 8, 9, 0.02, 0, 0.5, 0.8, 2.5, 0.02, 3, 1, 1, 720, 720, 0, 0, 0.3, 0});
    }

    /** IRSF on a hijacked line: an hour of long calls to one high-cost range. */
    static FeatureVector irsfLike() {
        return vector(new double[]{14, 20, 0, 3, 5, 0.8, 0.75, 0.9, 1, 16, 0.05, 2, 1, 1, 720, 720, 0, 450, 9, 0});
    }

    static FeatureVector vector(double[] values) {
        return new FeatureVector(values);
    }

    @Test
    void the_shipped_model_loads_with_its_name_version_and_hash() {
        FraudModel m = FraudModel.shipped();
        assertThat(m.name()).isEqualTo("ringfence-fraud-score");
        assertThat(m.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(m.sha256()).hasSize(64);
        assertThat(m.toString()).contains(m.name(), m.version());
    }

    @Test
    void a_fraud_like_line_scores_above_an_ordinary_one() {
        FraudModel m = FraudModel.shipped();
        double fraud = m.score(irsfLike());
        double normal = m.score(ordinary());
        assertThat(fraud).isBetween(0.0, 1.0).isGreaterThan(0.5);
        assertThat(normal).isBetween(0.0, 1.0).isLessThan(0.1);
        assertThat(m.score(FeatureTracker.empty())).isBetween(0.0, 1.0);
    }

    @Test
    void an_empty_document_is_rejected() {
        assertThatThrownBy(() -> FraudModel.load(new byte[0])).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> FraudModel.load((byte[]) null)).isInstanceOf(ModelLoadException.class);
    }

    @Test
    void a_document_that_is_not_pmml_is_rejected_with_the_parsers_message() throws IOException {
        assertThatThrownBy(() -> FraudModel.load("not xml at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("PMML rejected: ")
                .hasMessageContaining("prolog");
        String truncated = shippedText().substring(0, 5000);
        assertThatThrownBy(() -> FraudModel.load(truncated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("PMML rejected: ");
    }

    @Test
    void a_model_the_engine_cannot_evaluate_is_rejected_with_its_message() throws IOException {
        String broken = shippedText().replaceFirst("functionName=\"classification\"", "functionName=\"clustering\"");
        assertThatThrownBy(() -> FraudModel.load(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("PMML rejected: ")
                .hasMessageContaining("functionName");
    }

    @Test
    void a_model_of_another_feature_schema_is_rejected_naming_the_fields() throws IOException {
        String renamed = shippedText().replace("\"moCalls1h\"", "\"moCallsLastHour\"");
        assertThatThrownBy(() -> FraudModel.load(renamed.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("feature schema " + FeatureSchema.VERSION)
                .hasMessageContaining("[moCallsLastHour]")
                .hasMessageContaining("[moCalls1h]");
    }

    @Test
    void external_entities_and_entity_bombs_are_refused_before_anything_is_resolved() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header description=\"&x;\"/></PMML>";
        assertThatThrownBy(() -> FraudModel.load(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("DOCTYPE");
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>\n"
                + "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header description=\"&lol2;\"/></PMML>";
        assertThatThrownBy(() -> FraudModel.load(laughs.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void without_a_model_version_the_version_is_the_documents_hash() throws IOException {
        String unversioned = shippedText().replaceFirst(" modelVersion=\"[^\"]*\"", "");
        FraudModel m = FraudModel.load(unversioned.getBytes(StandardCharsets.UTF_8));
        assertThat(m.version()).isEqualTo("sha256:" + m.sha256().substring(0, 12));
        assertThat(m.score(irsfLike())).isEqualTo(FraudModel.shipped().score(irsfLike()));
    }

    @Test
    void a_missing_resource_or_file_is_rejected() {
        assertThatThrownBy(() -> FraudModel.loadResource("io/ringfence/scoring/none.pmml"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("none.pmml");
        assertThatThrownBy(() -> FraudModel.load(java.nio.file.Path.of("no-such-model.pmml")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("no-such-model.pmml");
    }

    @Test
    void four_threads_score_exactly_what_one_thread_scores() throws Exception {
        FraudModel m = FraudModel.shipped();
        SplittableRandom rnd = new SplittableRandom(3);
        List<FeatureVector> vectors = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double[] v = new double[FeatureSchema.size()];
            double[] base = (i % 2 == 0 ? ordinary() : irsfLike()).toArray();
            for (int j = 0; j < v.length; j++) {
                v[j] = base[j] * (0.5 + rnd.nextDouble());
            }
            vectors.add(new FeatureVector(v));
        }
        double[] sequential = new double[vectors.size()];
        for (int i = 0; i < sequential.length; i++) {
            sequential[i] = m.score(vectors.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    double[] out = new double[vectors.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = m.score(vectors.get(i));
                    }
                    return out;
                }));
            }
            for (Future<double[]> f : results) {
                assertThat(f.get()).containsExactly(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
