package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Roaming;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Ss7AttackScenarioTest {
    private static final String LINE = "+447700100801";
    private static final Device PHONE = Scenario.phone("353322110000801", "234-15-1001-10801");
    /** A global title of a network with no roaming agreement. */
    private static final String FOREIGN_GT = "23480312345";
    /** A global title inside the French partner's (208-01) prefix. */
    private static final String PARTNER_GT = "33609001234";
    private static final String HOME_SMSC_GT = "447700900100";

    private static String subscriber(int i) {
        return "+4477001" + (80000 + i);
    }

    @Test
    void anyTimeInterrogationFromAForeignGlobalTitleAlertsCritical() {
        Scenario s = new Scenario();
        s.data(-10, LINE, PHONE, null);
        s.ss7(0, LINE, "anyTimeInterrogation", FOREIGN_GT);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SS7_ATTACK);
            assertThat(a.getSubject()).isEqualTo(Subject.gt(FOREIGN_GT));
            assertThat(a.getRuleId()).isEqualTo("SS7-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getFigures().get("operation")).isEqualTo("anyTimeInterrogation");
            assertThat(a.getFigures().get("origin")).isEqualTo("FOREIGN");
        });
    }

    @Test
    void locationUpdateFromANetworkWithNoRoamingAgreementAlerts() {
        Scenario s = new Scenario();
        s.ss7(0, LINE, "updateLocation", FOREIGN_GT);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SS7_ATTACK);
            assertThat(a.getSubject()).isEqualTo(Subject.gt(FOREIGN_GT));
            assertThat(a.getRuleId()).isEqualTo("SS7-002");
            assertThat(a.getFigures().get("origin")).isEqualTo("FOREIGN");
        });
    }

    @Test
    void partnersLocationUpdateForASubscriberActiveAtHomeMinutesAgoAlerts() {
        Scenario s = new Scenario();
        s.data(-30, LINE, PHONE, null);
        s.data(-5, LINE, PHONE, null);
        s.ss7(0, LINE, "updateLocation", PARTNER_GT);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SS7_ATTACK);
            assertThat(a.getSubject()).isEqualTo(Subject.gt(PARTNER_GT));
            assertThat(a.getRuleId()).isEqualTo("SS7-003");
            assertThat(a.getFigures().get("minutesSinceHomeActivity")).isEqualTo(5L);
        });
    }

    @Test
    void routingQueriesScanningManySubscribersFromOneForeignGlobalTitleAlert() {
        Scenario s = new Scenario();
        int scanned = Scenario.intParam("ss7.minScannedSubscribers") + 2;
        for (int i = 0; i < scanned; i++) {
            s.ss7(i * 2.0, subscriber(i), "sendRoutingInfoForSM", FOREIGN_GT);
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SS7_ATTACK);
            assertThat(a.getSubject()).isEqualTo(Subject.gt(FOREIGN_GT));
            assertThat(a.getRuleId()).isEqualTo("SS7-004");
            assertThat(a.getFigures().get("subscribersQueried")).isEqualTo(scanned);
        });
    }

    @Test
    void partnersLocationUpdateForATravellerDoesNotAlert() {
        Scenario s = new Scenario();
        Roaming france = new Roaming(true, "208-01");
        s.data(-240, LINE, PHONE, null);
        s.data(-150, LINE, PHONE, null);
        s.ss7(0, LINE, "updateLocation", PARTNER_GT);
        s.ss7(0.1, LINE, "insertSubscriberData", PARTNER_GT);
        s.data(1, LINE, Scenario.phone("353322110000801", "208-01-0042-31001"), france);
        s.ss7(90, LINE, "updateLocation", PARTNER_GT);
        s.data(95, LINE, Scenario.phone("353322110000801", "208-01-0042-31077"), france);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void homeSmscRoutingQueriesAndSingleForeignSmscQueriesDoNotAlert() {
        Scenario s = new Scenario();
        for (int i = 0; i < 40; i++) {
            s.ss7(i * 0.5, subscriber(i), "sendRoutingInfoForSM", HOME_SMSC_GT);
        }
        s.ss7(3, subscriber(1), "sendRoutingInfoForSM", FOREIGN_GT);
        s.ss7(17, subscriber(2), "sendRoutingInfoForSM", "8613800138000");
        assertThat(s.run()).isEmpty();
    }

    @Test
    void routingQueriesForOneSubscriberTooFewDoNotAlert() {
        Scenario s = new Scenario();
        int under = Scenario.intParam("ss7.minScannedSubscribers") - 1;
        for (int i = 0; i < under; i++) {
            s.ss7(i * 2.0, subscriber(i), "sendRoutingInfoForSM", FOREIGN_GT);
            s.ss7(i * 2.0 + 1, subscriber(i), "sendRoutingInfo", FOREIGN_GT);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void partnersLocationUpdateJustLongerThanTheTravelTimeAfterHomeActivityDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-Scenario.minutesParam("signaling.minTravelTime") - 1, LINE, PHONE, null);
        s.ss7(0, LINE, "updateLocation", PARTNER_GT);
        assertThat(s.run()).isEmpty();
    }

    /** SS7-003 1.1: the last home record was in a cell whose coverage reaches the French partner. */
    @Test
    void partnersLocationUpdateForABorderDwellerDoesNotAlert() {
        Scenario s = new Scenario();
        Device onTheCoast = Scenario.phone("353322110000801", "234-15-1071-10801");
        s.data(-30, LINE, PHONE, null);
        s.data(-3, LINE, onTheCoast, null);
        s.ss7(0, LINE, "updateLocation", PARTNER_GT);
        assertThat(s.run()).isEmpty();
    }

    /** The border cells face one partner: another partner's update minutes later is as implausible as ever. */
    @Test
    void anotherPartnersLocationUpdateForABorderDwellerStillAlerts() {
        Scenario s = new Scenario();
        Device onTheCoast = Scenario.phone("353322110000801", "234-15-1071-10801");
        s.data(-3, LINE, onTheCoast, null);
        s.ss7(0, LINE, "updateLocation", "49171000123");
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("SS7-003");
            assertThat(a.getRuleVersion()).isEqualTo("1.1");
        });
    }
}
