package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class WangiriScenarioTest {
    private static final String CALLER = "+882134567890";
    private static final String VICTIM = "+447700100010";

    private static String victim(int i) {
        return "+4477001" + (20000 + i);
    }

    /** One-ring calls from the caller to {@code victims} distinct subscribers, a minute apart. */
    private static Scenario oneRingCalls(Scenario s, int victims, double ringSeconds) {
        for (int i = 0; i < victims; i++) {
            s.call(i, victim(i), MT, CALLER, victim(i), Device.NONE, false, ringSeconds, 0);
        }
        return s;
    }

    @Test
    void foreignNumberRingingManySubscribersOnceAlertsOnTheCaller() {
        Scenario s = oneRingCalls(new Scenario(), 12, 3);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.WANGIRI);
            assertThat(a.getSubject()).isEqualTo(Subject.number(CALLER));
            assertThat(a.getRuleId()).isEqualTo("WANGIRI-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(((Number) a.getFigures().get("distinctSubscribers")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("wangiri.minDistinctSubscribers"));
        });
    }

    @Test
    void subscriberCallingTheNumberBackRaisesTheAlertToCritical() {
        Scenario s = oneRingCalls(new Scenario(), 10, 2);
        s.call(14, victim(3), MO, victim(3), CALLER, Device.NONE, true, 4, 95);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.WANGIRI);
            assertThat(a.getSubject()).isEqualTo(Subject.number(CALLER));
            assertThat(a.getRuleId()).isEqualTo("WANGIRI-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getRulesFired()).anyMatch(r -> r.startsWith("WANGIRI-002@"));
            assertThat(a.getFigures().get("callbackFrom")).isEqualTo(victim(3));
        });
    }

    @Test
    void foreignRelativeRingingOneSubscriberAgainAndAgainDoesNotAlert() {
        Scenario s = new Scenario();
        String relative = "+33612345678";
        double[] tries = {0, 3, 7, 12, 20, 26};
        for (int i = 0; i < tries.length; i++) {
            boolean answered = i == tries.length - 1;
            s.call(tries[i], VICTIM, MT, relative, VICTIM, Device.NONE, answered, answered ? 9 : 4, 600);
        }
        s.call(40, VICTIM, MO, VICTIM, relative, Device.NONE, true, 5, 900);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void oneVictimShortOfTheThresholdDoesNotAlert() {
        int under = Scenario.intParam("wangiri.minDistinctSubscribers") - 1;
        Scenario s = oneRingCalls(new Scenario(), under, 3);
        // Repeated rings to the same victims add calls but not victims.
        for (int i = 0; i < under; i++) {
            s.call(20 + i, victim(i), MT, CALLER, victim(i), Device.NONE, false, 3, 0);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void ringsJustLongerThanTheOneRingLimitDoNotAlert() {
        double ring = Scenario.doubleParam("wangiri.maxRingSeconds") + 1;
        Scenario s = oneRingCalls(new Scenario(), 12, ring);
        assertThat(s.run()).isEmpty();
    }
}
