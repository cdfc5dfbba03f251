package io.ringfence.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.features.FeatureSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrainCommandTest {
    @Test
    void theCommandLineIsCheckedBeforeAnythingIsAsked() {
        RetrainCommand.Options o = RetrainCommand.parse(new String[]{"--service", "http://127.0.0.1:8080/", "--version", "1.1.0"});
        assertThat(o.service().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(o.weight()).isEqualTo(RetrainCommand.DEFAULT_WEIGHT);
        assertThat(o.submit()).isFalse();

        assertThatThrownBy(() -> RetrainCommand.parse(new String[]{"--service", "http://x"}))
                .hasMessageContaining("--version V");
        assertThatThrownBy(() -> RetrainCommand.parse(new String[]{"--service", "http://x", "--version", "1", "--wieght", "2"}))
                .hasMessageContaining("unknown option --wieght");
        assertThatThrownBy(() -> RetrainCommand.parse(new String[]{"--service", "http://x", "--version", "1", "--weight", "0"}))
                .hasMessageContaining("--weight: a number above 0");
        assertThatThrownBy(() -> RetrainCommand.parse(new String[]{"--service", "http://x", "--version", "1", "--submit"}))
                .hasMessageContaining("--submit needs --backtest-from before --backtest-to");
        assertThatThrownBy(() -> RetrainCommand.parse(new String[]{"--service", "http://x", "--version", "1",
                "--closed-after", "yesterday"})).hasMessageContaining("--closed-after: an instant");
    }

    @Test
    void rowsOfAnotherFeatureSchemaAreRefused() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode answer = json.createObjectNode().put("featureSchema", "0-other");
        answer.putArray("features");
        answer.putArray("rows");
        assertThatThrownBy(() -> RetrainCommand.rows(answer)).hasMessageContaining("schema 0-other")
                .hasMessageContaining(FeatureSchema.VERSION);

        ObjectNode same = json.createObjectNode().put("featureSchema", FeatureSchema.VERSION);
        FeatureSchema.NAMES.forEach(same.putArray("features")::add);
        ObjectNode row = same.putArray("rows").addObject().put("caseRef", "case-1").put("typology", "ANOMALY")
                .put("fraud", false).put("at", "2026-03-02T10:00:00Z");
        row.putArray("features").add(1.0);
        assertThatThrownBy(() -> RetrainCommand.rows(same)).hasMessageContaining("case-1 has 1 features");
    }
}
