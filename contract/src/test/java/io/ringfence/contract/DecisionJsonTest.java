package io.ringfence.contract;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionJsonTest {
    private static final long AT = 1_785_000_000_123L;

    static Decision block() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("calls", 38);
        figures.put("prefix", "+882");
        figures.put("share", 0.75);
        figures.put("premium", true);
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("callsPerHour", 12.5);
        features.put("chargeAmount24h", 40.0);
        Explanation why = new Explanation("IRSF-001", List.of("IRSF-001@1.2", "IRSF-002@1.0"), "HIGH", figures,
                "2026.12.1", 0.91, features, new DispositionInput("IRSF", "IRSF-001", "HIGH", 0.91, "SUBSCRIBER",
                "CONSUMER", 30.0, 1, 40.0, "NONE"),
                List.of(new MatchedRow("disposition", 4, "disposition-irsf", "IRSF on a consumer line")), "a note",
                "ranges@2026.11.1,tests@2026.12.1,tacs@2026.11.1", "crm-2026.12.6");
        return new Decision("d-1", List.of("a-1"), Action.BLOCK_SUBSCRIBER,
                new Target(Target.Kind.SUBSCRIBER, "+447700900001"), "IRSF", 1, AT + 86_400_000L, null, true,
                "fraud-irsf", 30, "+447700900001", AT, "disposition", "sha256:0123456789ab", "fraud-score", "2.0", why);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameDecision() {
        Decision d = block();
        String json = DecisionJson.json(d);

        assertThat(DecisionJson.read(json)).isEqualTo(d);
        assertThat(ContractSchemas.violations(ContractSchemas.DECISION, json)).isEmpty();
    }

    @Test
    void aHandlersDecisionWithoutInputsOrModelReadsBack() {
        Explanation why = new Explanation("case", List.of(), "MEDIUM", Map.of(), null, null, Map.of(), null, List.of(),
                "lifted by handler1");
        Decision allow = new Decision("d-2", List.of("a-1"), Action.ALLOW, new Target(Target.Kind.NUMBER, "+88216000001"),
                "WANGIRI", 3, null, "case-7", false, null, null, null, AT, "fraud_case", "1.0", null, null, why);
        String json = DecisionJson.json(allow);

        assertThat(json).doesNotContain("expiresAt").doesNotContain("\"model\"").doesNotContain("caseQueue")
                .doesNotContain("\"inputs\"");
        assertThat(DecisionJson.read(json)).isEqualTo(allow);
        assertThat(ContractSchemas.violations(ContractSchemas.DECISION, json)).isEmpty();
    }

    @Test
    void aDecisionWithoutExplanationReadsWithAnEmptyOne() {
        String json = "{\"decisionId\":\"d-3\",\"alertIds\":[\"a\"],\"action\":\"OPEN_CASE\",\"target\":{\"kind\":\"IP\","
                + "\"value\":\"203.0.113.9\"},\"reason\":\"PBX_HACKING\",\"priority\":2,\"decisionModel\":\"m\","
                + "\"decisionModelVersion\":\"1\",\"decidedAt\":\"2026-07-25T16:40:00Z\"}";

        Decision d = DecisionJson.read(json);

        assertThat(d.explanation()).isEqualTo(Explanation.NONE);
        assertThat(d.openCase()).isFalse();
        assertThat(d.caseQueue()).isNull();
        assertThat(d.target()).isEqualTo(new Target(Target.Kind.IP, "203.0.113.9"));
    }

    @Test
    void whatCannotBeReadIsNamed() {
        String good = DecisionJson.json(block());

        assertThatThrownBy(() -> DecisionJson.read("{not json")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> DecisionJson.read("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> DecisionJson.read(good.replace("\"decisionId\":\"d-1\",", "")))
                .hasMessageContaining("'decisionId' is missing");
        assertThatThrownBy(() -> DecisionJson.read(good.replace("\"BLOCK_SUBSCRIBER\"", "\"SHOUT\"")))
                .hasMessageStartingWith("decision d-1: 'action' is not one of").hasMessageContaining("SHOUT");
        assertThatThrownBy(() -> DecisionJson.read(good.replace("\"kind\":\"SUBSCRIBER\"", "\"kind\":\"PLANET\"")))
                .hasMessageContaining("'target': 'kind' is not one of");
        assertThatThrownBy(() -> DecisionJson.read(good.replace("\"alertIds\":[\"a-1\"]", "\"alertIds\":[]")))
                .hasMessageContaining("'alertIds' is empty");
        assertThatThrownBy(() -> DecisionJson.read(good.replace("\"priority\":1", "\"priority\":\"high\"")))
                .hasMessageContaining("'priority' is missing or not an integer");
        assertThatThrownBy(() -> DecisionJson.read(good.replace("\"row\":4", "\"row\":\"four\"")))
                .hasMessageContaining("explanation: 'row'");
    }
}
