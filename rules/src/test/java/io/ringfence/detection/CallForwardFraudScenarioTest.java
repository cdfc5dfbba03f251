package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class CallForwardFraudScenarioTest {
    private static final String LINE = "+447700101001";
    private static final String PREMIUM_TARGET = "+25241234567";
    private static final Device PHONE = Scenario.phone("353322110001001", "234-15-1001-11001");

    /** An accomplice calls the victim and the call is forwarded: an inbound leg and the forwarded outbound leg. */
    private static Scenario forwardedCall(Scenario s, double minute, int accomplice, String target, double seconds) {
        String caller = "+4477009" + (60000 + accomplice);
        s.call(minute, LINE, MT, caller, LINE, Device.NONE, true, 0, seconds);
        return s.call(minute + 0.01, LINE, MO, LINE, target, Device.NONE, true, 0, seconds);
    }

    @Test
    void forwardingSetToAHighRiskInternationalNumberAlerts() {
        Scenario s = new Scenario();
        s.data(-30, LINE, PHONE, null);
        s.forward(0, LINE, PREMIUM_TARGET, true);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.CALL_FORWARD_FRAUD);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("CFWD-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(a.getFigures().get("forwardTo")).isEqualTo(PREMIUM_TARGET);
            assertThat(a.getFigures().get("range")).isEqualTo("Somalia");
        });
    }

    @Test
    void forwardedLegsToTheHighCostTargetRaiseTheAlertToCriticalAndAreNotAlsoIrsf() {
        Scenario s = new Scenario();
        s.data(-30, LINE, PHONE, null);
        s.forward(0, LINE, PREMIUM_TARGET, true);
        for (int i = 0; i < 6; i++) {
            forwardedCall(s, 10 + i * 12.0, i, PREMIUM_TARGET, 10 * 60);
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.CALL_FORWARD_FRAUD);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("CFWD-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getRulesFired()).anyMatch(r -> r.startsWith("CFWD-002@"));
            assertThat(a.getFigures().get("forwardedLegs")).isEqualTo(6L);
            assertThat(((Number) a.getFigures().get("forwardedMinutes")).doubleValue()).isEqualTo(60.0);
        });
    }

    @Test
    void forwardingToADomesticNumberOrVoicemailDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-30, LINE, PHONE, null);
        s.forward(0, LINE, "+447911123456", true);
        for (int i = 0; i < 4; i++) {
            forwardedCall(s, 10 + i * 20.0, i, "+447911123456", 8 * 60);
        }
        s.forward(100, LINE, "+447911123456", false);
        s.forward(110, LINE, "+447700900555", true);
        for (int i = 0; i < 3; i++) {
            forwardedCall(s, 120 + i * 20.0, 10 + i, "+447700900555", 60);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void forwardingToTheOwnersOrdinaryForeignLineDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-30, LINE, PHONE, null);
        s.forward(0, LINE, "+33612345678", true);
        for (int i = 0; i < 5; i++) {
            forwardedCall(s, 10 + i * 15.0, i, "+33612345678", 12 * 60);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void forwardedLegsJustAfterTheWindowDoNotEscalate() {
        Scenario s = new Scenario();
        s.forward(0, LINE, PREMIUM_TARGET, true);
        forwardedCall(s, Scenario.minutesParam("callforward.window") + 1, 0, PREMIUM_TARGET, 10 * 60);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.CALL_FORWARD_FRAUD);
            assertThat(a.getRuleId()).isEqualTo("CFWD-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(a.getRulesFired()).noneMatch(r -> r.startsWith("CFWD-002@"));
        });
    }
}
