package io.ringfence.screening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HotListCsvTest {

    @Test
    void readsEntriesWithQuotedNotesCommentsAndBlankLines() {
        HotListCsv.Result r = HotListCsv.parse(HotList.ALLOW_MSISDN, """
                # VIP lines
                value,note

                +447700900001,"Board member, London"
                +447700900002,test SIM
                +447700900003,
                """);

        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).containsExactly(
                new HotListCsv.Entry("+447700900001", "Board member, London"),
                new HotListCsv.Entry("+447700900002", "test SIM"),
                new HotListCsv.Entry("+447700900003", ""));
    }

    @Test
    void aBadNumberIsRejectedWithItsLine() {
        HotListCsv.Result r = HotListCsv.parse(HotList.DENY, "value,note\n+447700900001,ok\n447700900002,no plus\n");

        assertThat(r.ok()).isFalse();
        assertThat(r.badLine()).isEqualTo(3);
        assertThat(r.reason()).contains("'447700900002' is not an E.164 number");
        assertThat(r.entries()).isEmpty();
    }

    @Test
    void prefixListsTakeDigitsOnly() {
        assertThat(HotListCsv.parse(HotList.HIGH_RISK_RANGE, "value,note\n882,ok\n").ok()).isTrue();
        HotListCsv.Result r = HotListCsv.parse(HotList.HIGH_RISK_RANGE, "value,note\n882,ok\n+883,plus\n");
        assertThat(r.badLine()).isEqualTo(3);
        assertThat(r.reason()).contains("is not a prefix");
    }

    @Test
    void theHeaderIsRequired() {
        HotListCsv.Result r = HotListCsv.parse(HotList.DENY, "number,note\n+447700900001,x\n");

        assertThat(r.badLine()).isEqualTo(1);
        assertThat(r.reason()).contains("header must be 'value,note'");
        assertThat(HotListCsv.parse(HotList.DENY, "").ok()).isFalse();
    }

    @Test
    void brokenQuotingIsRejected() {
        HotListCsv.Result r = HotListCsv.parse(HotList.DENY, "value,note\n+447700900001,\"unterminated\n");

        assertThat(r.badLine()).isEqualTo(2);
        assertThat(r.reason()).contains("quote");
    }
}
