package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class SimboxScenarioTest {
    private static final String SIM = "+447700100001";

    @Test
    void gatewaySimCallingManyDomesticNumbersAlertsOncePerSim() {
        Scenario s = new Scenario();
        Device box = Scenario.phone("860210031234567", "234-15-1001-10001");
        for (int i = 0; i < 60; i++) {
            s.call(i * 2.0, SIM, MO, SIM, "+4477009" + (10000 + i), box, true, 5, 60);
        }
        List<Alert> alerts = s.run();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SIMBOX);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(SIM));
            assertThat(a.getSeverity()).as("gateway TAC").isEqualTo(Severity.CRITICAL);
            // A gateway model's handset opens the incident at the eighth call (SIMBOX-002); SIMBOX-001 joins it.
            assertThat(a.getRuleId()).isEqualTo("SIMBOX-002");
            assertThat(a.getRulesFired()).anyMatch(r -> r.startsWith("SIMBOX-001@"));
            assertThat(((Number) a.getFigures().get("outboundCalls")).intValue()).isGreaterThanOrEqualTo(24);
            assertThat(a.getEventIds()).hasSize(Alert.MAX_EVIDENCE_EVENTS);
        });
    }

    @Test
    void callCentreWithInboundCallsSmsAndDataDoesNotAlert() {
        Scenario s = new Scenario();
        Device agent = Scenario.phone("353322110000001", "234-15-1001-10001");
        for (int i = 0; i < 60; i++) {
            s.call(i * 2.0, SIM, MO, SIM, "+4477009" + (10000 + i), agent, true, 5, 60);
            if (i % 4 == 0) {
                s.call(i * 2.0 + 1, SIM, MT, "+4477008" + (10000 + i), SIM, agent, true, 3, 90);
            }
            if (i % 10 == 0) {
                s.data(i * 2.0 + 0.5, SIM, agent, null);
                s.sms(i * 2.0 + 0.7, SIM, MO, SIM, "+447700712345", agent, null);
            }
        }
        assertThat(s.run()).isEmpty();
    }

    /** SIMBOX-001 1.4: a heavy caller's phone answered a call earlier in the day; the window alone cannot tell. */
    @Test
    void heavyCallerWhoAnsweredACallEarlierInTheDayDoesNotAlert() {
        Scenario s = new Scenario();
        Device phone = Scenario.phone("353322110000002", "234-15-1001-10001");
        s.call(-200, SIM, MT, "+447700812345", SIM, phone, true, 6, 300);
        for (int i = 0; i < 60; i++) {
            s.call(i * 2.0, SIM, MO, SIM, "+4477009" + (10000 + i), phone, true, 5, 60);
        }
        s.call(30, SIM, MT, "+447700854321", SIM, phone, false, 20, 0);
        assertThat(s.run()).isEmpty();
    }

    /** SIMBOX-001 1.4: data used hours before the calling started is the line's own history of a person. */
    @Test
    void heavyCallerWhoseHandsetUsedDataHoursEarlierDoesNotAlert() {
        Scenario s = new Scenario();
        Device phone = Scenario.phone("353322110000002", "234-15-1001-10001");
        s.data(-20 * 60, SIM, phone, null);
        for (int i = 0; i < 60; i++) {
            s.call(i * 2.0, SIM, MO, SIM, "+4477009" + (10000 + i), phone, true, 5, 60);
        }
        assertThat(s.run()).isEmpty();
    }

    /** Just outside the lookback, the old data session no longer speaks for the line; unanswered inbound never did. */
    @Test
    void dataOlderThanTheLookbackAndUnansweredInboundCallsStillAlert() {
        Scenario s = new Scenario();
        Device box = Scenario.phone("860210031234567", "234-15-1001-10001");
        s.data(-24 * 60 - 1, SIM, box, null);
        s.call(-12 * 60, SIM, MT, "+447700812345", SIM, box, false, 20, 0);
        for (int i = 0; i < 60; i++) {
            s.call(i * 2.0, SIM, MO, SIM, "+4477009" + (10000 + i), box, true, 5, 60);
        }
        s.call(30, SIM, MT, "+447700854321", SIM, box, false, 20, 0);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getRulesFired()).contains("SIMBOX-001@1.4");
        });
    }

    /** SIMBOX-002 needs a gateway model: the same eight calls from an ordinary phone are not enough. */
    @Test
    void eightCallsFromAnOrdinaryPhoneDoNotAlertButFromAGatewayModelDo() {
        Device phone = Scenario.phone("353322110000003", "234-15-1001-10001");
        Device box = Scenario.phone("860210031234567", "234-15-1001-10001");
        for (Device d : new Device[]{phone, box}) {
            Scenario s = new Scenario();
            for (int i = 0; i < 8; i++) {
                s.call(i * 3.0, SIM, MO, SIM, "+4477009" + (10000 + i), d, true, 5, 60);
            }
            List<Alert> alerts = s.run();
            if (d == phone) {
                assertThat(alerts).isEmpty();
            } else {
                assertThat(alerts).singleElement().satisfies(a -> assertThat(a.getRuleId()).isEqualTo("SIMBOX-002"));
            }
        }
    }
}
