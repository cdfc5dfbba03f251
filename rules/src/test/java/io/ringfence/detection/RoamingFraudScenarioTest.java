package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Roaming;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringfence.event.Direction.MO;
import static org.assertj.core.api.Assertions.assertThat;

class RoamingFraudScenarioTest {
    private static final String LINE = "+447700100501";
    private static final Roaming FRANCE = new Roaming(true, "208-01");
    private static final Device ABROAD = Scenario.phone("353322110000501", "208-01-0042-31001");

    private static Scenario abroadCall(Scenario s, double minute, String b, double seconds) {
        return s.call(minute, LINE, MO, LINE, b, ABROAD, FRANCE, null, true, 5, seconds, null);
    }

    @Test
    void highValueCallsToHighRiskRangesWhileAbroadAlertOnTheSubscriber() {
        Scenario s = new Scenario();
        s.data(0, LINE, ABROAD, FRANCE);
        String[] dest = {"+882130012345", "+25241234567", "+882130012346", "+68822123"};
        for (int i = 0; i < dest.length; i++) {
            abroadCall(s, 10 + i * 15.0, dest[i], 12 * 60);
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.ROAMING_FRAUD);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("ROAM-001");
            assertThat(((Number) a.getFigures().get("exposure")).doubleValue())
                    .isGreaterThanOrEqualTo(Scenario.doubleParam("roaming.minExposure"));
            assertThat(((Number) a.getFigures().get("highCostCalls")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("roaming.minHighCostCalls"));
            assertThat(a.getFigures().get("visitedPlmn")).isEqualTo("208-01");
        });
    }

    @Test
    void travellerCallingHomeAndLocalNumbersForHoursDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(0, LINE, ABROAD, FRANCE);
        for (int i = 0; i < 8; i++) {
            abroadCall(s, 10 + i * 25.0, "+4477009" + (30000 + i), 20 * 60);
            abroadCall(s, 20 + i * 25.0, "+3314" + (5000000 + i), 8 * 60);
            s.data(22 + i * 25.0, LINE, ABROAD, FRANCE);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void highCostCallsJustUnderTheExposureThresholdDoNotAlert() {
        Scenario s = new Scenario();
        int calls = Scenario.intParam("roaming.minHighCostCalls");
        double minutes = Scenario.doubleParam("roaming.minExposure") / Scenario.doubleParam("roaming.ratePerMinute") - 0.5;
        for (int i = 0; i < calls; i++) {
            abroadCall(s, i * 20.0, "+88213001234" + i, minutes * 60 / calls);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void oneHighCostCallTooFewAmongExpensiveLocalCallsDoesNotAlert() {
        Scenario s = new Scenario();
        for (int i = 0; i < Scenario.intParam("roaming.minHighCostCalls") - 1; i++) {
            abroadCall(s, i * 20.0, "+88213001234" + i, 30 * 60);
        }
        abroadCall(s, 70, "+33145000000", 40 * 60);
        assertThat(s.run()).isEmpty();
    }

    /** The watch ends when the line's high-cost calls abroad have left memory; a trip hours later starts a new one. */
    @Test
    void secondTripHoursLaterIsASecondIncidentNamingItsOwnNetwork() {
        Roaming spain = new Roaming(true, "214-07");
        Device inSpain = Scenario.phone("353322110000501", "214-07-0042-31001");
        Scenario s = new Scenario();
        String[] dest = {"+882130012345", "+25241234567", "+882130012346", "+68822123"};
        for (int i = 0; i < dest.length; i++) {
            abroadCall(s, 10 + i * 15.0, dest[i], 12 * 60);
            s.call(700 + i * 15.0, LINE, MO, LINE, dest[i], inSpain, spain, null, true, 5, 12 * 60, null);
        }
        List<Alert> alerts = s.run();
        assertThat(alerts).hasSize(2).allSatisfy(a -> assertThat(a.getRuleId()).isEqualTo("ROAM-001"));
        assertThat(alerts.get(0).getFigures().get("visitedPlmn")).isEqualTo("208-01");
        assertThat(alerts.get(1).getFigures().get("visitedPlmn")).isEqualTo("214-07");
    }
}
