package io.ringfence.enrich;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Enrichment;
import io.ringfence.event.NumberInfo;
import io.ringfence.event.Roaming;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.SmsOriginator;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import io.ringfence.reference.NumberIntel;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Short codes and alphanumeric originators, the A-party of application-to-person SMS, through number intelligence and enrichment. */
class EnricherA2pTest {
    private static final ReferenceDataRepository REFERENCE = new ReferenceDataRepository(ReferenceDataLoader.defaults());
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final String LINE = "+447700100401";

    private final NumberIntel intel = REFERENCE.intel();
    private final Enricher enricher = new Enricher(REFERENCE, new SubscriberProfiles(48 * HOUR), HOUR, HOUR, 24 * HOUR);
    private int ids;

    private SmsEvent sms(long t, Direction dir, String a, String b, String trunk, String senderId) {
        return new SmsEvent(new TelecomEvent.Common("s" + (++ids), t, LINE), dir, a, b,
                new Device("234150000000001", "356938035643809", "234-15-1001-17"), Roaming.HOME, trunk, null, senderId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "72555", "0800123", "12345678"})
    void shortCodesHaveNoCountryAndAreNeitherForeignNorHighCost(String code) {
        NumberInfo info = intel.info(code);
        assertThat(info).isEqualTo(NumberInfo.SHORT_CODE);
        assertThat(info.getNumberType()).isEqualTo("SHORT_CODE");
        assertThat(info.countryCode()).isZero();
        assertThat(info.isShortCode()).isTrue();
        assertThat(info.isA2pOriginator()).isTrue();
        assertThat(info.isForeign()).isFalse();
        assertThat(info.isPremiumRate()).isFalse();
        assertThat(info.isHighCost()).isFalse();
        assertThat(info.isMobile()).isFalse();
    }

    @Test
    void aShortCodeIsNotMatchedAgainstTheInternationalRanges() {
        // 882 is a listed high-risk range; short code 88210 is a national number, not +882 10...
        assertThat(REFERENCE.current().highRiskRanges().match("+88210")).isNotNull();
        assertThat(intel.info("88210")).isEqualTo(NumberInfo.SHORT_CODE);
        assertThat(intel.info("88210").getRangeRisk()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MyBank", "HSBC UK", "M&S", "DHL-Express", "2FA"})
    void alphanumericOriginatorsHaveNoCountryAndAreNeitherForeignNorHighCost(String sender) {
        NumberInfo info = intel.info(sender);
        assertThat(info).isEqualTo(NumberInfo.ALPHANUMERIC);
        assertThat(info.isAlphanumeric()).isTrue();
        assertThat(info.isA2pOriginator()).isTrue();
        assertThat(info.isForeign()).isFalse();
        assertThat(info.isHighCost()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+447700900001", "+88213500001", "447700900001", "123", "MyBankIsGreat", ""})
    void numbersAndMalformedValuesAreNotA2pOriginators(String value) {
        assertThat(intel.info(value).isA2pOriginator()).as(value).isFalse();
        assertThat(SmsOriginator.isA2p(value)).as(value).isFalse();
    }

    @Test
    void e164NumbersAreClassifiedAsBefore() {
        assertThat(intel.info("+447700900001").countryCode()).isEqualTo(44);
        assertThat(intel.info("+447700900001").isForeign()).isFalse();
        assertThat(intel.info("+88213500001").isHighCost()).isTrue();
    }

    @Test
    void aCodeFromAShortCodeOnAnInternationalTrunkIsEnrichedWithoutACallerOwner() {
        SmsEvent otp = sms(T0, Direction.MT, "72555", LINE, "INTL-GW-1", null);
        enricher.enrich(otp);
        Enrichment e = otp.getEnrichment();
        assertThat(e.getAInfo()).isEqualTo(NumberInfo.SHORT_CODE);
        assertThat(e.isFromInternationalTrunk()).isTrue();
        assertThat(e.isCallerOwnerAtHome()).isFalse();
        assertThat(e.getBInfo().countryCode()).isEqualTo(44);
        assertThat(e.getRangeKey()).isEqualTo("44770");
        assertThat(otp.getA2pSender()).isEqualTo("72555");
    }

    @Test
    void anAlphanumericSenderMessagingAForeignNumberKeepsTheDestinationRange() {
        SmsEvent mo = sms(T0, Direction.MO, "OTPHUB7", "+23276123456", null, null);
        enricher.enrich(mo);
        assertThat(mo.getEnrichment().getAInfo()).isEqualTo(NumberInfo.ALPHANUMERIC);
        assertThat(mo.getEnrichment().getBInfo().isForeign()).isTrue();
        assertThat(mo.getEnrichment().getRangeKey()).isEqualTo("232761");
        assertThat(mo.getA2pSender()).isEqualTo("OTPHUB7");
    }

    @Test
    void theLinesOwnRecordsAroundA2pMessagesStillMoveItsProfile() {
        // An A2P message is a record of the line's own handset like any other: the handset and cell are known afterwards.
        enricher.enrich(sms(T0, Direction.MT, "MyBank", LINE, null, null));
        VoiceEvent call = new VoiceEvent(new TelecomEvent.Common("v1", T0 + 60_000, LINE), Direction.MO, LINE,
                "+447700900321", new Device("234150000000001", "356938035643809", "234-15-1001-17"), Roaming.HOME,
                null, null, true, 5.0, 60);
        enricher.enrich(call);
        assertThat(call.getEnrichment().isNewImei()).isFalse();
        assertThat(call.getEnrichment().isNewCell()).isFalse();
        assertThat(call.getEnrichment().getLastSmsOrDataMillis()).isEqualTo(T0);
    }
}
