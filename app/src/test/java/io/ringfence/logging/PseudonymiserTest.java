package io.ringfence.logging;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymiserTest {
    private static final Pattern PSEUDONYM = Pattern.compile("\\+\\d{1,3}#[0-9a-f]{12}");
    private final Pseudonymiser p = Pseudonymiser.ofKey("a test key of some length");

    @Test
    void numbersInsideJsonAreReplacedKeepingTheCountryCode() {
        String line = "{\"eventId\":\"E1\",\"subscriber\":\"+447700900123\",\"aNumber\":\"+447700900123\","
                + "\"bNumber\":\"+88213500001\"}";

        String out = p.apply(line);

        assertThat(out).doesNotContain("447700900123").doesNotContain("88213500001");
        String alice = p.pseudonym("+447700900123");
        assertThat(alice).startsWith("+44#").matches(PSEUDONYM);
        assertThat(p.pseudonym("+88213500001")).startsWith("+882#");
        assertThat(out).isEqualTo("{\"eventId\":\"E1\",\"subscriber\":\"" + alice + "\",\"aNumber\":\"" + alice
                + "\",\"bNumber\":\"" + p.pseudonym("+88213500001") + "\"}");
    }

    @Test
    void severalNumbersOnOneLineEachGetTheirOwnPseudonym() {
        String out = p.apply("DECISION 2026-03-01T12:00:00Z BLOCK_NUMBER NUMBER:+37181234567 (subscriber +447700900001)"
                + " and +447700900002, +12025550123, +79161234567");

        assertThat(out).contains("NUMBER:" + p.pseudonym("+37181234567"))
                .contains("(subscriber " + p.pseudonym("+447700900001") + ")")
                .contains(p.pseudonym("+447700900002") + ", " + p.pseudonym("+12025550123"))
                .startsWith("DECISION 2026-03-01T12:00:00Z BLOCK_NUMBER NUMBER:+371#");
        assertThat(p.pseudonym("+12025550123")).startsWith("+1#");
        assertThat(p.pseudonym("+79161234567")).startsWith("+7#");
        assertThat(p.pseudonym("+447700900001")).isNotEqualTo(p.pseudonym("+447700900002"));
        assertThat(out).doesNotContainPattern("\\+\\d{4,}");
    }

    @Test
    void numbersInExceptionTextAndUrlEncodedQueriesAreReplaced() {
        String trace = "java.lang.IllegalStateException: no profile for +447700900123\n"
                + "\tat io.ringfence.X.y(X.java:42)\n"
                + "Caused by: java.io.IOException: GET /api/v1/screen?a=%2B447700900123&b=%2b88213500001 refused";

        String out = p.apply(trace);

        assertThat(out).doesNotContain("447700900123").doesNotContain("88213500001")
                .contains("no profile for " + p.pseudonym("+447700900123") + "\n\tat io.ringfence.X.y(X.java:42)")
                .contains("?a=" + p.pseudonym("+447700900123") + "&b=" + p.pseudonym("+88213500001") + " refused");
    }

    @Test
    void bareIdentitiesInNumberBearingFieldsAreReplaced() {
        String out = p.apply("{\"type\":\"SIM_SWAP\",\"oldImsi\":\"234150000000001\",\"newImsi\":\"234150000000002\","
                + "\"imei\":\"356938035643809\",\"calledGt\":\"447700900123\",\"callingGt\":\"33612345678\"} "
                + "subscriber=447700900123 IMSI=234150000000003");

        assertThat(out).contains("\"oldImsi\":\"" + p.pseudonym("234150000000001") + "\"")
                .contains("\"newImsi\":\"#").contains("\"imei\":\"#").contains("\"calledGt\":\"#")
                .contains("subscriber=" + p.pseudonym("447700900123"))
                .contains("IMSI=" + p.pseudonym("234150000000003"))
                // The calling GT is the querying network node, not a subscriber.
                .contains("\"callingGt\":\"33612345678\"");
        assertThat(p.pseudonym("234150000000001")).matches("#[0-9a-f]{12}");
    }

    @Test
    void whatIsNotASubscriberNumberIsLeftAlone() {
        String line = "12:00:00.123 INFO StreamProcessor - Warmed up partition 3 with 123456789 events in 8123 ms; "
                + "offset=98765432101 at 2026-03-01T12:00:00.123+01:00 from 127.0.0.1:9092 eventId=\"E-12345678\" "
                + "\"eventId\":\"123456789012\" chargeAmount=123456.78 +1234567 score 1.5E+10 ts=1767225600000 "
                + "Restored 42 subscriber profiles of partition 0 from Redis";

        assertThat(p.apply(line)).isEqualTo(line);
    }

    @Test
    void theSameNumberUnderAnotherKeyGetsAnotherPseudonym() {
        Pseudonymiser other = Pseudonymiser.ofKey("another key of some length");

        assertThat(other.pseudonym("+447700900123")).isNotEqualTo(p.pseudonym("+447700900123"));
        assertThat(Pseudonymiser.ofKey("a test key of some length").pseudonym("+447700900123"))
                .isEqualTo(p.pseudonym("+447700900123"));
    }

    @Test
    void aValueThatIsNoNumberHasNoPseudonym() {
        assertThatThrownBy(() -> p.pseudonym("+44abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither an E.164 number");
    }
}
