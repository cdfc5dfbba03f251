package io.ringfence.contract;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertJsonTest {
    private static final long AT = 1_785_000_000_000L;

    static AlertMessage alert(Double score, String model, String version) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("calls", 38);
        figures.put("prefix", "+882");
        figures.put("odd", null);
        return new AlertMessage("a-1", "IRSF", new Target(Target.Kind.SUBSCRIBER, "+447700900001"), "+447700900001",
                AT, AT - 1_500_000, AT + 60_000, "HIGH", score, model, version, "IRSF-001", "1.2",
                List.of("e-1", "e-2"), figures, List.of("IRSF-001@1.2"), 3);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameAlert() {
        AlertMessage a = alert(0.91, "fraud-score", "2.0");
        String json = AlertJson.json(a);

        assertThat(AlertJson.read(json)).isEqualTo(a);
        assertThat(ContractSchemas.violations(ContractSchemas.ALERT, json)).isEmpty();
        assertThat(json).startsWith("{\"alertId\":\"a-1\",\"typology\":\"IRSF\",\"subject\":{");
    }

    @Test
    void anUnscoredAlertHasNoScoreOrModel() {
        AlertMessage a = alert(null, null, null);
        String json = AlertJson.json(a);

        assertThat(json).doesNotContain("score").doesNotContain("model");
        assertThat(AlertJson.read(json)).isEqualTo(a);
        assertThat(ContractSchemas.violations(ContractSchemas.ALERT, json)).isEmpty();
    }

    @Test
    void aMessageIsAValue() {
        Map<String, Object> figures = new LinkedHashMap<>(Map.of("calls", 1));
        AlertMessage a = new AlertMessage("a", "IRSF", new Target(Target.Kind.NUMBER, "+88216000001"), null, AT, AT, AT,
                "LOW", null, null, null, "R", "1", List.of(), figures, List.of(), 1);
        figures.put("calls", 2);

        assertThat(a.figures()).containsEntry("calls", 1);
        assertThatThrownBy(() -> a.figures().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void whatCannotBeReadIsNamed() {
        String good = AlertJson.json(alert(0.5, "m", "1"));

        assertThatThrownBy(() -> AlertJson.read(good.replace("\"detectedAt\":\"", "\"detectedAt\":\"yesterday")))
                .hasMessageContaining("'detectedAt' is not an ISO-8601 instant");
        assertThatThrownBy(() -> AlertJson.read(good.replace("\"evidence\"", "\"proof\"")))
                .hasMessageContaining("'evidence' is missing");
    }
}
