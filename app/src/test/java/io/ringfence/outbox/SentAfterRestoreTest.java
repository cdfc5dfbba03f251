package io.ringfence.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the relay recognises a message by, when it reads back what was sent after a restored backup. */
class SentAfterRestoreTest {

    @Test
    void aMessageIsKnownByItsTopicAndIdWhateverElseChanged() {
        String first = "{\"decisionId\":\"d-1\",\"action\":\"BLOCK_SUBSCRIBER\",\"score\":0.91}";
        String decidedAgain = "{\"decisionId\":\"d-1\",\"action\":\"BLOCK_SUBSCRIBER\",\"score\":0.87}";
        assertThat(SentAfterRestore.identity("fraud.decisions", first))
                .isEqualTo(SentAfterRestore.identity("fraud.decisions", decidedAgain))
                .isNotEqualTo(SentAfterRestore.identity("fraud.decisions", "{\"decisionId\":\"d-2\"}"))
                .isNotEqualTo(SentAfterRestore.identity("other.topic", first));
        assertThat(SentAfterRestore.identity("fraud.alerts", "{\"typology\":\"WANGIRI\",\"alertId\":\"a-7\"}"))
                .isEqualTo("fraud.alerts alertId a-7");
        assertThat(SentAfterRestore.identity("billing.refunds", "{\"refundId\":\"refund-9\",\"amount\":3}"))
                .isEqualTo("billing.refunds refundId refund-9");
    }

    @Test
    void anIdInsideANestedObjectOrNotTextDoesNotCountAndAMessageWithoutOneIsKnownByItsDigest() {
        String nested = "{\"target\":{\"decisionId\":\"x\"},\"n\":1}";
        assertThat(SentAfterRestore.identity("t", nested)).startsWith("t sha256 ")
                .isNotEqualTo(SentAfterRestore.identity("t", "{\"target\":{\"decisionId\":\"x\"},\"n\":2}"));
        assertThat(SentAfterRestore.identity("t", "{\"decisionId\":7}")).startsWith("t sha256 ");
        assertThat(SentAfterRestore.identity("t", "not json")).isEqualTo(SentAfterRestore.identity("t", "not json"))
                .startsWith("t sha256 ");
    }
}
