package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static org.assertj.core.api.Assertions.assertThat;

class SmsPumpingScenarioTest {
    private static final String ACCOUNT = "+447860123456";

    @Test
    void burstToSequentialNumbersInOneForeignRangeAlertsOnTheSender() {
        Scenario s = new Scenario();
        for (int i = 0; i < 200; i++) {
            s.sms(i * 0.05, ACCOUNT, MO, ACCOUNT, "+2327612" + (34000 + i), Device.NONE, "VERIFY7");
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SMS_PUMPING);
            assertThat(a.getSubject()).isEqualTo(Subject.sender("VERIFY7"));
            assertThat(a.getFigures().get("range")).isEqualTo("+232761");
            assertThat(((Number) a.getFigures().get("messages")).intValue()).isGreaterThanOrEqualTo(40);
        });
    }

    @Test
    void secondBurstHoursLaterIsASecondIncidentAndTheQuietGapEndsTheWatch() {
        Scenario s = new Scenario();
        for (int i = 0; i < 100; i++) {
            s.sms(i * 0.05, ACCOUNT, MO, ACCOUNT, "+2327612" + (34000 + i), Device.NONE, "VERIFY7");
            s.sms(480 + i * 0.05, ACCOUNT, MO, ACCOUNT, "+2327612" + (44000 + i), Device.NONE, "VERIFY7");
        }
        assertThat(s.run()).hasSize(2).allSatisfy(a -> assertThat(a.getSubject()).isEqualTo(Subject.sender("VERIFY7")));
    }

    @Test
    void sameSendersOrdinaryDomesticAndScatteredForeignCodesDoNotAlert() {
        Scenario s = new Scenario();
        String[] foreign = {"+12125550100", "+33612345678", "+491512345678", "+919812345678", "+61412345678"};
        for (int i = 0; i < 400; i++) {
            s.sms(i * 0.1, ACCOUNT, MO, ACCOUNT, "+4477009" + (10000 + i), Device.NONE, "VERIFY7");
            if (i % 10 == 0) {
                s.sms(i * 0.1 + 0.01, ACCOUNT, MO, ACCOUNT, foreign[(i / 10) % foreign.length], Device.NONE, "VERIFY7");
            }
        }
        assertThat(s.run()).isEmpty();
    }
}
