package io.ringfence.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the relay recognises a message by, when it reads back what was sent after a restored backup. */
class SentAheadTest {

    @Test
    void aMessageIsKnownByItsTopicAndIdWhateverElseChanged() {
        String first = "{\"decisionId\":\"d-1\",\"action\":\"BLOCK_SUBSCRIBER\",\"score\":0.91}";
        String decidedAgain = "{\"decisionId\":\"d-1\",\"action\":\"BLOCK_SUBSCRIBER\",\"score\":0.87}";
        assertThat(SentAhead.identity("fraud.decisions", first))
                .isEqualTo(SentAhead.identity("fraud.decisions", decidedAgain))
                .isNotEqualTo(SentAhead.identity("fraud.decisions", "{\"decisionId\":\"d-2\"}"))
                .isNotEqualTo(SentAhead.identity("other.topic", first));
        // an alert goes out once per update of its incident: id and content together
        String update1 = "{\"typology\":\"WANGIRI\",\"alertId\":\"a-7\",\"count\":3}";
        String update2 = "{\"typology\":\"WANGIRI\",\"alertId\":\"a-7\",\"count\":4}";
        assertThat(SentAhead.identity("fraud.alerts", update1)).startsWith("fraud.alerts alertId a-7 ")
                .isEqualTo(SentAhead.identity("fraud.alerts", update1))
                .isNotEqualTo(SentAhead.identity("fraud.alerts", update2));
        assertThat(SentAhead.identity("billing.refunds", "{\"refundId\":\"refund-9\",\"amount\":3}"))
                .isEqualTo("billing.refunds refundId refund-9");
    }

    @Test
    void anIdInsideANestedObjectOrNotTextDoesNotCountAndAMessageWithoutOneIsKnownByItsDigest() {
        String nested = "{\"target\":{\"decisionId\":\"x\"},\"n\":1}";
        assertThat(SentAhead.identity("t", nested)).startsWith("t sha256 ")
                .isNotEqualTo(SentAhead.identity("t", "{\"target\":{\"decisionId\":\"x\"},\"n\":2}"));
        assertThat(SentAhead.identity("t", "{\"decisionId\":7}")).startsWith("t sha256 ");
        assertThat(SentAhead.identity("t", "not json")).isEqualTo(SentAhead.identity("t", "not json"))
                .startsWith("t sha256 ");
    }
}
