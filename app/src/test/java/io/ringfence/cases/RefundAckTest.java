package io.ringfence.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Billing's acknowledgement: the parser takes exactly what the published schema allows, and says why it refuses. */
class RefundAckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theParserAndThePublishedSchemaAgreeOnEveryExample() throws Exception {
        List<String> examples = List.of(
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"CR-9\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"CR-9\",\"amount\":12.5,\"currency\":\"EUR\","
                        + "\"at\":\"2026-03-02T10:15:00Z\",\"extra\":\"ignored\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"REFUSED\",\"reason\":\"account closed\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"  \"}",
                "{\"refundId\":\"refund-1\",\"status\":\"REFUSED\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"DONE\",\"reference\":\"x\"}",
                "{\"status\":\"APPLIED\",\"reference\":\"x\"}",
                "{\"refundId\":7,\"status\":\"APPLIED\",\"reference\":\"x\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"x\",\"amount\":-1}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"x\",\"amount\":\"12\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"x\",\"at\":\"yesterday\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"" + "r".repeat(201) + "\"}",
                "{\"refundId\":\"  \",\"status\":\"APPLIED\",\"reference\":\"x\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"x\",\"currency\":\"eu\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"x\",\"currency\":\"\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"x\",\"at\":\"\"}",
                "{\"refundId\":\"refund-1\",\"status\":\"REFUSED\",\"reason\":\"closed\",\"reference\":\"\"}",
                "[]");
        for (String e : examples) {
            boolean schemaTakes = RefundOrderSchema.ackViolations(JSON.readTree(e)).isEmpty();
            boolean parserTakes;
            try {
                RefundAck.parse(e);
                parserTakes = true;
            } catch (RefundAck.Invalid x) {
                parserTakes = false;
            }
            assertThat(parserTakes).as(e).isEqualTo(schemaTakes);
        }
    }

    @Test
    void anAcknowledgementKeepsWhatBillingSaidAndARefusalSaysWhy() throws Exception {
        RefundAck a = RefundAck.parse("{\"refundId\":\"refund-1\",\"status\":\"APPLIED\",\"reference\":\"CR-9\",\"amount\":12.50,"
                + "\"currency\":\"EUR\",\"at\":\"2026-03-02T10:15:00Z\"}");
        assertThat(a.status()).isEqualTo(RefundAck.Status.APPLIED);
        assertThat(a.amount()).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(a.at()).isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
        assertThat(a.detail()).containsEntry("reference", "CR-9").containsEntry("amount", "12.50");

        assertThatThrownBy(() -> RefundAck.parse("{\"refundId\":\"r\",\"status\":\"REFUSED\"}")).hasMessage("reason is required");
        assertThatThrownBy(() -> RefundAck.parse("{\"refundId\":\"r\",\"status\":\"LATER\"}"))
                .hasMessage("status must be APPLIED or REFUSED");
        assertThatThrownBy(() -> RefundAck.parse("{oops")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> RefundAck.parse("")).hasMessage("empty record");
    }
}
