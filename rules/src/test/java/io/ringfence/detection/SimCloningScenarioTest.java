package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class SimCloningScenarioTest {
    private static final String LINE = "+447700100701";
    private static final Device ORIGINAL = Scenario.phone("353322110000701", "234-15-1001-10701");
    private static final Device CLONE = Scenario.phone("359876540000702", "234-15-3300-40702");

    @Test
    void recordFromAnotherHandsetDuringAnAnsweredCallAlerts() {
        Scenario s = new Scenario();
        s.data(-30, LINE, ORIGINAL, null);
        s.call(0, LINE, MO, LINE, "+447700900321", ORIGINAL, true, 5, 20 * 60);
        s.call(6, LINE, MO, LINE, "+447700900654", CLONE, true, 4, 3 * 60);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SIM_CLONING);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("CLONE-001");
            assertThat(a.getFigures().get("imeiA")).isEqualTo(ORIGINAL.imei());
            assertThat(a.getFigures().get("imeiB")).isEqualTo(CLONE.imei());
            assertThat(a.getFigures().get("cellB")).isEqualTo(CLONE.cellId());
        });
    }

    @Test
    void recordsAlternatingBetweenTwoHandsetsAlert() {
        Scenario s = new Scenario();
        s.data(0, LINE, ORIGINAL, null);
        s.sms(12, LINE, MO, LINE, "+447700900654", CLONE, null);
        s.data(25, LINE, ORIGINAL, null);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SIM_CLONING);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("CLONE-002");
            assertThat(a.getFigures().get("imeiA")).isEqualTo(ORIGINAL.imei());
            assertThat(a.getFigures().get("imeiB")).isEqualTo(CLONE.imei());
        });
    }

    @Test
    void phoneReplacedDuringTheDayDoesNotAlert() {
        Scenario s = new Scenario();
        Device newPhone = Scenario.phone("353322110000799", "234-15-1001-10701");
        s.data(0, LINE, ORIGINAL, null);
        s.call(20, LINE, MO, LINE, "+447700900321", ORIGINAL, true, 5, 10 * 60);
        s.sms(45, LINE, MO, LINE, "+447700900321", ORIGINAL, null);
        // The new phone is switched on after the last record of the old one; the old one never comes back.
        s.data(70, LINE, newPhone, null);
        s.call(80, LINE, MT, "+447700900321", LINE, newPhone, true, 6, 15 * 60);
        s.sms(100, LINE, MO, LINE, "+447700900654", newPhone, null);
        s.data(130, LINE, newPhone, null);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void handsetsSwitchedBackJustOutsideTheAlternationWindowDoNotAlert() {
        double gap = Scenario.minutesParam("cloning.alternationWindow") + 1;
        Scenario s = new Scenario();
        s.data(0, LINE, ORIGINAL, null);
        s.data(gap, LINE, CLONE, null);
        s.data(2 * gap, LINE, ORIGINAL, null);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void recordFromAnotherHandsetJustAfterTheCallEndedDoesNotAlert() {
        Scenario s = new Scenario();
        Device newPhone = Scenario.phone("353322110000799", "234-15-1001-10701");
        s.call(0, LINE, MO, LINE, "+447700900321", ORIGINAL, true, 5, 20 * 60);
        s.data(20 + 1 / 60.0, LINE, newPhone, null);
        assertThat(s.run()).isEmpty();
    }

    /** CLONE-002 1.2: a SIM box moving its SIM between gateway modules (gateway TAC IMEIs) is not a clone. */
    @Test
    void simBoxRotatingASimBetweenGatewayModulesDoesNotRaiseCloning() {
        Scenario s = new Scenario();
        Device module1 = Scenario.phone("860210030000011", "234-15-1001-10701");
        Device module2 = Scenario.phone("860210030000029", "234-15-1001-10701");
        s.call(0, LINE, MO, LINE, "+447700900321", module1, true, 5, 60);
        s.call(20, LINE, MO, LINE, "+447700900322", module2, true, 5, 60);
        s.call(40, LINE, MO, LINE, "+447700900323", module1, true, 5, 60);
        assertThat(s.run()).noneMatch(a -> a.getTypology() == Typology.SIM_CLONING);
    }
}
