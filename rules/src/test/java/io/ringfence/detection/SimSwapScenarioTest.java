package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class SimSwapScenarioTest {
    private static final String LINE = "+447700100401";
    private static final Device OWN_PHONE = Scenario.phone("353322110000401", "234-15-1001-10401");
    private static final Device FRAUDSTER_PHONE = Scenario.phone("356789100000999", "234-15-2077-20999");

    /** The owner's ordinary use on their own handset before the swap, so the profile knows it. */
    private static Scenario history(Scenario s) {
        s.data(-180, LINE, OWN_PHONE, null);
        s.call(-120, LINE, MO, LINE, "+447700900321", OWN_PHONE, true, 5, 240);
        s.sms(-60, LINE, MO, LINE, "+447700900321", OWN_PHONE, null);
        s.data(-20, LINE, OWN_PHONE, null);
        return s;
    }

    private static Scenario otp(Scenario s, double minute, Device dev, String sender) {
        return s.sms(minute, LINE, MT, sender, LINE, dev, sender);
    }

    @Test
    void remoteSwapFollowedByCallForwardingAlertsCritical() {
        Scenario s = history(new Scenario());
        s.simSwap(0, LINE, "CALL_CENTER");
        s.forward(25, LINE, "+447911123456", true);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SIM_SWAP);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("SIMSWAP-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getFigures().get("forwardTo")).isEqualTo("+447911123456");
            assertThat(a.getFigures().get("channel")).isEqualTo("CALL_CENTER");
        });
    }

    @Test
    void remoteSwapFollowedByOneTimeCodesOnANewHandsetInANewPlaceAlerts() {
        Scenario s = history(new Scenario());
        s.simSwap(0, LINE, "ONLINE");
        s.data(6, LINE, FRAUDSTER_PHONE, null);
        otp(s, 9, FRAUDSTER_PHONE, "MYBANK");
        otp(s, 11, FRAUDSTER_PHONE, "MYBANK");
        otp(s, 30, FRAUDSTER_PHONE, "PAYFAST");
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SIM_SWAP);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("SIMSWAP-002");
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(((Number) a.getFigures().get("otpMessages")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("simswap.minOtpMessages"));
            assertThat(a.getFigures().get("newImei")).isEqualTo(FRAUDSTER_PHONE.imei());
            assertThat(a.getFigures().get("newCell")).isEqualTo(FRAUDSTER_PHONE.cellId());
        });
    }

    @Test
    void swapInAShopFollowedByOrdinaryUseOnANewPhoneDoesNotAlert() {
        Scenario s = history(new Scenario());
        Device newPhone = Scenario.phone("353322110000777", "234-15-1001-10777");
        s.simSwap(0, LINE, "RETAIL");
        s.data(4, LINE, newPhone, null);
        otp(s, 10, newPhone, "MYBANK");
        otp(s, 12, newPhone, "SHOPX");
        s.forward(30, LINE, "+447700900555", true);
        s.call(60, LINE, MO, LINE, "+447700900321", newPhone, true, 5, 300);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void ownersOnlineSwapOnTheSameHandsetAtHomeDoesNotAlert() {
        Scenario s = history(new Scenario());
        s.simSwap(0, LINE, "ONLINE");
        s.data(3, LINE, OWN_PHONE, null);
        otp(s, 5, OWN_PHONE, "MYBANK");
        otp(s, 7, OWN_PHONE, "MYBANK");
        s.call(45, LINE, MO, LINE, "+447700900321", OWN_PHONE, true, 5, 300);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void oneCodeShortOfTheThresholdDoesNotAlert() {
        Scenario s = history(new Scenario());
        s.simSwap(0, LINE, "ONLINE");
        s.data(6, LINE, FRAUDSTER_PHONE, null);
        for (int i = 0; i < Scenario.intParam("simswap.minOtpMessages") - 1; i++) {
            otp(s, 9 + i, FRAUDSTER_PHONE, "MYBANK");
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void forwardingSetJustAfterTheSwapWindowDoesNotAlert() {
        Scenario s = history(new Scenario());
        s.simSwap(0, LINE, "ONLINE");
        s.forward(Scenario.minutesParam("simswap.window") + 1, LINE, "+447911123456", true);
        assertThat(s.run()).isEmpty();
    }
}
