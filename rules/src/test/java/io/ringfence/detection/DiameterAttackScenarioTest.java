package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Roaming;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiameterAttackScenarioTest {
    private static final String LINE = "+447700100901";
    private static final Device PHONE = Scenario.phone("353322110000901", "234-15-1001-10901");
    private static final String FOREIGN_REALM = "epc.mnc020.mcc655.3gppnetwork.org";
    private static final String FOREIGN_HOST = "mme7." + FOREIGN_REALM;
    private static final String PARTNER_REALM = "epc.mnc001.mcc208.3gppnetwork.org";
    private static final String PARTNER_HOST = "mme1." + PARTNER_REALM;
    private static final String HOME_REALM = "epc.mnc015.mcc234.3gppnetwork.org";

    @Test
    void updateLocationFromARealmWithNoRoamingAgreementAlertsOnTheOriginHost() {
        Scenario s = new Scenario();
        s.data(-20, LINE, PHONE, null);
        s.diameter(0, LINE, "ULR", FOREIGN_HOST, FOREIGN_REALM);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.DIAMETER_ATTACK);
            assertThat(a.getSubject()).isEqualTo(Subject.gt(FOREIGN_HOST));
            assertThat(a.getRuleId()).isEqualTo("DIA-001");
            assertThat(a.getFigures().get("command")).isEqualTo("ULR");
            assertThat(a.getFigures().get("originRealm")).isEqualTo(FOREIGN_REALM);
        });
    }

    @Test
    void partnersUpdateForASubscriberActiveAtHomeMinutesAgoAlerts() {
        Scenario s = new Scenario();
        s.data(-45, LINE, PHONE, null);
        s.data(-10, LINE, PHONE, null);
        String forgedHost = "mme-412." + PARTNER_REALM;
        s.diameter(0, LINE, "ULR", forgedHost, PARTNER_REALM);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.DIAMETER_ATTACK);
            assertThat(a.getSubject()).isEqualTo(Subject.gt(forgedHost));
            assertThat(a.getRuleId()).isEqualTo("DIA-002");
            assertThat(a.getFigures().get("minutesSinceHomeActivity")).isEqualTo(10L);
            assertThat(a.getFigures().get("originRealm")).isEqualTo(PARTNER_REALM);
        });
    }

    @Test
    void travellersUpdateFromTheVisitedPartnerDoesNotAlert() {
        Scenario s = new Scenario();
        Roaming france = new Roaming(true, "208-01");
        s.data(-240, LINE, PHONE, null);
        s.data(-150, LINE, PHONE, null);
        s.diameter(0, LINE, "AIR", PARTNER_HOST, PARTNER_REALM);
        s.diameter(0.05, LINE, "ULR", PARTNER_HOST, PARTNER_REALM);
        s.data(1, LINE, Scenario.phone("353322110000901", "208-01-0042-31001"), france);
        s.diameter(120, LINE, "ULR", PARTNER_HOST, PARTNER_REALM);
        s.data(121, LINE, Scenario.phone("353322110000901", "208-01-0042-31001"), france);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void homeNetworksOwnRequestsDoNotAlert() {
        Scenario s = new Scenario();
        s.data(-5, LINE, PHONE, null);
        s.diameter(0, LINE, "AIR", "mme3." + HOME_REALM, HOME_REALM);
        s.diameter(0.05, LINE, "ULR", "mme3." + HOME_REALM, HOME_REALM);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void partnersUpdateJustLongerThanTheTravelTimeAfterHomeActivityDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-Scenario.minutesParam("signaling.minTravelTime") - 1, LINE, PHONE, null);
        s.diameter(0, LINE, "ULR", PARTNER_HOST, PARTNER_REALM);
        assertThat(s.run()).isEmpty();
    }

    /** DIA-002 1.1: the partner's ULR minutes after a record in a cell that reaches that partner. */
    @Test
    void partnersUpdateForABorderDwellerDoesNotAlert() {
        Scenario s = new Scenario();
        Device onTheCoast = Scenario.phone("353322110000901", "234-15-1072-10901");
        s.data(-4, LINE, onTheCoast, null);
        s.diameter(0, LINE, "ULR", "mme1." + PARTNER_REALM, PARTNER_REALM);
        assertThat(s.run()).isEmpty();
    }
}
