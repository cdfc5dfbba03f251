package io.ringfence.detection;

import io.ringfence.event.Device;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionFraudScenarioTest {
    private static final String LINE = "+447700100601";
    private static final Device PHONE = Scenario.phone("353322110000601", "234-15-1001-10601");
    /** Ordinary (not high-risk) foreign numbers: the boundary cases sit just under the rule's own thresholds. */
    private static final String[] FOREIGN = {"+33612345678", "+4915112345678", "+12125550100", "+34612345678"};

    @Test
    void newLineUsedHardForHighCostInternationalCallsAlertsAsSubscriptionFraudOnly() {
        Scenario s = new Scenario();
        s.subscription(0, LINE);
        String[] dest = {"+882130012345", "+25241234567", "+882130012346", "+23276123456", "+882130012347",
                "+25241234568", "+882130012348", "+23276123457"};
        for (int i = 0; i < dest.length; i++) {
            s.call(30 + i * 15.0, LINE, MO, LINE, dest[i], PHONE, true, 4, 11 * 60);
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.SUBSCRIPTION_FRAUD);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            // The high-cost branch (IRSF thresholds) opens the incident; heavy use then adds to it.
            assertThat(a.getRuleId()).isEqualTo("SUBFRAUD-002");
            assertThat(a.getRulesFired()).contains("SUBFRAUD-001@1.2");
            assertThat(((Number) a.getFigures().get("internationalCalls")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("subscription.minInternationalCalls"));
            assertThat(((Number) a.getFigures().get("minutes")).doubleValue())
                    .isGreaterThanOrEqualTo(Scenario.doubleParam("subscription.minMinutes"));
            assertThat(((Number) a.getFigures().get("lineAgeHours")).longValue()).isBetween(1L, 3L);
        });
    }

    @Test
    void newSubscriberWithOrdinaryUseDoesNotAlert() {
        Scenario s = new Scenario();
        s.subscription(0, LINE);
        s.data(5, LINE, PHONE, null);
        s.sms(8, LINE, MO, LINE, "+447700900321", PHONE, null);
        s.call(20, LINE, MO, LINE, "+447700900321", PHONE, true, 5, 6 * 60);
        s.call(60, LINE, MT, "+447700900322", LINE, PHONE, true, 5, 3 * 60);
        s.call(90, LINE, MO, LINE, "+33612345678", PHONE, true, 5, 25 * 60);
        s.call(200, LINE, MO, LINE, "+4915112345678", PHONE, true, 5, 12 * 60);
        s.data(210, LINE, PHONE, null);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void oneInternationalCallShortOfTheCountDoesNotAlert() {
        Scenario s = new Scenario();
        s.subscription(0, LINE);
        int under = Scenario.intParam("subscription.minInternationalCalls") - 1;
        for (int i = 0; i < under; i++) {
            s.call(30 + i * 15.0, LINE, MO, LINE, FOREIGN[i % FOREIGN.length], PHONE, true, 4, 20 * 60);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void enoughInternationalCallsJustShortOfTheMinutesDoNotAlert() {
        Scenario s = new Scenario();
        s.subscription(0, LINE);
        int calls = Scenario.intParam("subscription.minInternationalCalls");
        double seconds = (Scenario.doubleParam("subscription.minMinutes") - 1) * 60 / calls;
        for (int i = 0; i < calls; i++) {
            s.call(30 + i * 15.0, LINE, MO, LINE, FOREIGN[i % FOREIGN.length], PHONE, true, 4, seconds);
        }
        assertThat(s.run()).isEmpty();
    }

    /** SUBFRAUD-001 1.2: a new line calling three relatives abroad, long and often, in its first hours. */
    @Test
    void newLineCallingAFewRelativesAbroadDoesNotAlertButTheSameCallsToAsManyNumbersDo() {
        int calls = Scenario.intParam("subscription.minInternationalCalls") + 2;
        int fewest = Scenario.intParam("subscription.minDestinations");
        for (int numbers : new int[]{fewest - 1, fewest}) {
            Scenario s = new Scenario();
            s.subscription(0, LINE);
            for (int i = 0; i < calls; i++) {
                s.call(30 + i * 20.0, LINE, MO, LINE, FOREIGN[i % numbers], PHONE, true, 4, 25 * 60);
            }
            if (numbers < fewest) {
                assertThat(s.run()).as(numbers + " numbers").isEmpty();
            } else {
                assertThat(s.run()).as(numbers + " numbers").singleElement().satisfies(a -> {
                    assertThat(a.getRuleId()).isEqualTo("SUBFRAUD-001");
                    assertThat(((Number) a.getFigures().get("distinctDestinations")).intValue()).isEqualTo(numbers);
                });
            }
        }
    }
}
