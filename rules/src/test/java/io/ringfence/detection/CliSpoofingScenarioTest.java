package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Roaming;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class CliSpoofingScenarioTest {
    /** The home subscriber whose number is presented. */
    private static final String OWNER = "+447700101101";
    /** The subscriber the call is for. */
    private static final String CALLED = "+447700101102";
    private static final Device OWNER_PHONE = Scenario.phone("353322110001101", "234-15-1001-11101");
    private static final Device CALLED_PHONE = Scenario.phone("353322110001102", "234-15-1001-11102");

    private static Scenario inboundOnTrunk(Scenario s, double minute, String presented, String trunk) {
        return s.call(minute, CALLED, MT, presented, CALLED, CALLED_PHONE, Roaming.HOME, trunk, true, 6, 90, null);
    }

    @Test
    void homeNumberPresentedOnAnInternationalTrunkWhileItsOwnerIsAtHomeAlertsOnTheNumber() {
        Scenario s = new Scenario();
        s.data(-40, OWNER, OWNER_PHONE, null);
        s.call(-15, OWNER, MO, OWNER, "+447700900321", OWNER_PHONE, true, 5, 120);
        inboundOnTrunk(s, 0, OWNER, "INTL-GW-1");
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.CLI_SPOOFING);
            assertThat(a.getSubject()).isEqualTo(Subject.number(OWNER));
            assertThat(a.getRuleId()).isEqualTo("CLI-001");
            assertThat(a.getFigures().get("trunk")).isEqualTo("INTL-GW-1");
            assertThat(a.getFigures().get("calledSubscriber")).isEqualTo(CALLED);
        });
    }

    @Test
    void subscriberRoamingAbroadCallingHomeDoesNotAlert() {
        Scenario s = new Scenario();
        Roaming france = new Roaming(true, "208-01");
        Device abroad = Scenario.phone("353322110001101", "208-01-0042-31001");
        s.data(-300, OWNER, OWNER_PHONE, null);
        s.data(-40, OWNER, abroad, france);
        s.call(0, OWNER, MO, OWNER, CALLED, abroad, france, null, true, 5, 600, 1.8);
        inboundOnTrunk(s, 0.05, OWNER, "INTL-GW-1");
        s.call(60, OWNER, MO, OWNER, CALLED, abroad, france, null, true, 5, 300, 0.9);
        inboundOnTrunk(s, 60.05, OWNER, "INTL-GW-2");
        assertThat(s.run()).isEmpty();
    }

    @Test
    void homeNumberOnADomesticTrunkDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-40, OWNER, OWNER_PHONE, null);
        inboundOnTrunk(s, 0, OWNER, "NAT-IC-3");
        assertThat(s.run()).isEmpty();
    }

    @Test
    void ownerLastSeenAtHomeJustLongerAgoThanTheHomeWindowDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-Scenario.minutesParam("cli.ownerHomeWindow") - 1, OWNER, OWNER_PHONE, null);
        inboundOnTrunk(s, 0, OWNER, "INTL-GW-1");
        assertThat(s.run()).isEmpty();
    }

    /**
     * The traveller's own roaming record of this call reaches the home network hours later (NRTRDE/TAP);
     * only the partner's location update has arrived. The latest record the home network holds is from
     * home, hours old but inside the owner-at-home window.
     */
    @Test
    void travellerCallingHomeOnLandingBeforeAnyRoamingRecordHasArrivedDoesNotAlert() {
        Scenario s = new Scenario();
        s.data(-240, OWNER, OWNER_PHONE, null);
        s.data(-170, OWNER, OWNER_PHONE, null);
        s.ss7(-8, OWNER, "updateLocation", "33609001234");
        s.diameter(-8, OWNER, "ULR", "mme1.epc.mnc001.mcc208.3gppnetwork.org", "epc.mnc001.mcc208.3gppnetwork.org");
        inboundOnTrunk(s, 0, OWNER, "INTL-GW-1");
        assertThat(s.run()).isEmpty();
    }
}
