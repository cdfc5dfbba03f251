package io.ringfence.detection;

import io.ringfence.event.SmsEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.IsoInstants;
import io.ringfence.ingest.ParseResult;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application-to-person SMS as SMSCs record them, end to end: JSON lines in the contract's form
 * whose A-number is a bank's short code or an alphanumeric originator (no senderId), through the
 * parser, enrichment and the shipped rules. One-time codes are evidence of a SIM-swap takeover; the
 * same codes on the owner's own handset are not.
 */
class A2pOriginatorScenarioTest {
    private static final ReferenceDataRepository REFERENCE = new ReferenceDataRepository(ReferenceDataLoader.defaults());
    private static final String LINE = "+447700100401";
    private static final String OWN_IMEI = "353322110000401";
    private static final String OWN_CELL = "234-15-1001-10401";
    private static final String FRAUD_IMEI = "356789100000999";
    private static final String FRAUD_CELL = "234-15-2077-20999";
    private static final String BANK_SHORT_CODE = "72555";

    private final EventParser parser = new EventParser();
    private final List<String> lines = new ArrayList<>();

    private static String at(double minute) {
        return IsoInstants.format(Scenario.at(minute));
    }

    private String head(String type, double minute) {
        return "{\"eventId\":\"a2p-" + (lines.size() + 1) + "\",\"type\":\"" + type + "\",\"timestamp\":\"" + at(minute)
                + "\",\"subscriber\":\"" + LINE + "\"";
    }

    private void data(double minute, String imsi, String imei, String cell) {
        lines.add(head("DATA", minute) + ",\"imsi\":\"" + imsi + "\",\"imei\":\"" + imei + "\",\"cellId\":\"" + cell
                + "\",\"bytesUp\":1000,\"bytesDown\":50000}");
    }

    /** An MT message whose A-number is the application's short code or alphanumeric originator, with no senderId. */
    private void code(double minute, String originator, String imsi, String imei, String cell) {
        lines.add(head("SMS", minute) + ",\"direction\":\"MT\",\"aNumber\":\"" + originator + "\",\"bNumber\":\"" + LINE
                + "\",\"imsi\":\"" + imsi + "\",\"imei\":\"" + imei + "\",\"cellId\":\"" + cell + "\",\"trunk\":\"SMSC-1\"}");
    }

    private void ownersDay() {
        data(-180, "234150000000001", OWN_IMEI, OWN_CELL);
        lines.add(head("VOICE", -120) + ",\"direction\":\"MO\",\"aNumber\":\"" + LINE + "\",\"bNumber\":\"+447700900321\","
                + "\"imsi\":\"234150000000001\",\"imei\":\"" + OWN_IMEI + "\",\"cellId\":\"" + OWN_CELL
                + "\",\"answered\":true,\"ringSeconds\":5,\"durationSeconds\":240}");
        // The owner's own banking before the takeover: codes from the bank's short code and its name.
        code(-90, BANK_SHORT_CODE, "234150000000001", OWN_IMEI, OWN_CELL);
        code(-88, "MyBank", "234150000000001", OWN_IMEI, OWN_CELL);
        data(-20, "234150000000001", OWN_IMEI, OWN_CELL);
    }

    private void remoteSwap(double minute) {
        lines.add(head("SIM_SWAP", minute) + ",\"oldImsi\":\"234150000000001\",\"newImsi\":\"234150000000002\","
                + "\"channel\":\"ONLINE\"}");
    }

    /** Parses every line (each must be accepted), writes each event back out, and runs them through the pipeline. */
    private List<Alert> run() {
        List<TelecomEvent> events = new ArrayList<>();
        for (String line : lines) {
            ParseResult r = parser.parse(line);
            assertThat(r).as("%s -> %s", line, r.describe()).isInstanceOf(ParseResult.Accepted.class);
            TelecomEvent e = ((ParseResult.Accepted) r).event();
            assertThat(parser.parse(EventJson.toJson(e)).isAccepted()).as("written back: %s", line).isTrue();
            events.add(e);
        }
        events.sort(java.util.Comparator.comparingLong(TelecomEvent::getTimestampMillis));
        List<Alert> alerts = new ArrayList<>();
        try (DetectionPipeline p = new DetectionPipeline(Scenario.RULES, REFERENCE, new AlertListener() {
            @Override
            public void closed(Alert alert) {
                alerts.add(alert);
            }
        })) {
            for (TelecomEvent e : events) {
                assertThat(p.process(e)).as(e.toString()).isTrue();
            }
        }
        for (TelecomEvent e : events) {
            if (e instanceof SmsEvent sms) {
                assertThat(sms.getEnrichment().getAInfo().isA2pOriginator()).as(sms.getANumber()).isTrue();
                assertThat(sms.getEnrichment().getAInfo().isForeign()).isFalse();
            }
        }
        return alerts;
    }

    @Test
    void codesFromAShortCodeAndAnAlphanumericSenderAfterARemoteSwapOnANewHandsetAreATakeover() {
        ownersDay();
        remoteSwap(0);
        data(6, "234150000000002", FRAUD_IMEI, FRAUD_CELL);
        code(9, BANK_SHORT_CODE, "234150000000002", FRAUD_IMEI, FRAUD_CELL);
        code(11, "MyBank", "234150000000002", FRAUD_IMEI, FRAUD_CELL);
        code(30, "PAY FAST", "234150000000002", FRAUD_IMEI, FRAUD_CELL);
        assertThat(run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SIM_SWAP);
            assertThat(a.getRuleId()).isEqualTo("SIMSWAP-002");
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(((Number) a.getFigures().get("otpMessages")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("simswap.minOtpMessages"));
            assertThat(a.getFigures().get("otpSenders")).as("72555, MyBank and PAY FAST").isEqualTo(3);
            // The codes after the swap are the evidence, with the swap; the owner's own codes before it are not.
            assertThat(a.getEventIds()).contains("a2p-6", "a2p-8", "a2p-9", "a2p-10").doesNotContain("a2p-3", "a2p-4");
            assertThat(a.getFigures().get("newImei")).isEqualTo(FRAUD_IMEI);
            assertThat(a.getFigures().get("newCell")).isEqualTo(FRAUD_CELL);
        });
    }

    @Test
    void aShortCodesCodesAloneAfterTheSwapAreEnough() {
        ownersDay();
        remoteSwap(0);
        data(6, "234150000000002", FRAUD_IMEI, FRAUD_CELL);
        for (int i = 0; i < Scenario.intParam("simswap.minOtpMessages"); i++) {
            code(9 + i, BANK_SHORT_CODE, "234150000000002", FRAUD_IMEI, FRAUD_CELL);
        }
        assertThat(run()).singleElement().satisfies(a -> assertThat(a.getRuleId()).isEqualTo("SIMSWAP-002"));
    }

    @Test
    void theTakeoverWithForwardingIsStillCriticalWhenCodesCameFromShortCodes() {
        ownersDay();
        remoteSwap(0);
        code(2, BANK_SHORT_CODE, "234150000000001", OWN_IMEI, OWN_CELL);
        lines.add(head("CALL_FORWARD", 25) + ",\"forwardTo\":\"+447911123456\",\"condition\":\"UNCONDITIONAL\",\"active\":true}");
        assertThat(run()).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("SIMSWAP-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void theOwnersCodesOnTheirOwnHandsetAlertNothing() {
        ownersDay();
        for (int i = 0; i < 6; i++) {
            code(10 + i * 20, i % 2 == 0 ? BANK_SHORT_CODE : "MyBank", "234150000000001", OWN_IMEI, OWN_CELL);
        }
        remoteSwap(200);
        data(203, "234150000000002", OWN_IMEI, OWN_CELL);
        code(205, BANK_SHORT_CODE, "234150000000002", OWN_IMEI, OWN_CELL);
        code(207, "MyBank", "234150000000002", OWN_IMEI, OWN_CELL);
        assertThat(run()).isEmpty();
    }

    @Test
    void anAlphanumericOriginatorPumpingAForeignRangeIsTheSenderToBlock() {
        String account = "+447860123456";
        for (int i = 0; i < 200; i++) {
            lines.add("{\"eventId\":\"p-" + i + "\",\"type\":\"SMS\",\"timestamp\":\"" + at(i * 0.05)
                    + "\",\"subscriber\":\"" + account + "\",\"direction\":\"MO\",\"aNumber\":\"VERIFY7\",\"bNumber\":\"+2327612"
                    + (34000 + i) + "\"}");
        }
        assertThat(run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SMS_PUMPING);
            assertThat(a.getSubject()).isEqualTo(Subject.sender("VERIFY7"));
            assertThat(a.getFigures().get("range")).isEqualTo("+232761");
        });
    }
}
