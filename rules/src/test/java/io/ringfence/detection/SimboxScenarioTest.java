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
            assertThat(a.getRuleId()).isEqualTo("SIMBOX-001");
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
}
