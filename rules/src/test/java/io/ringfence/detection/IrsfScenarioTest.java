package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.NumberLookupAnswer;
import io.ringfence.reference.NumberLookups;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringfence.event.Direction.MO;
import static org.assertj.core.api.Assertions.assertThat;

class IrsfScenarioTest {
    private static final String LINE = "+447700100201";
    private static final String TEST_NUMBER = "+88213500001";
    private static final Device PHONE = Scenario.phone("353322110000201", "234-15-1001-10201");

    @Test
    void longAnsweredCallsToHighRiskRangesAlertOnTheSubscriber() {
        Scenario s = new Scenario();
        String[] dest = {"+882130012345", "+882130012346", "+25241234567", "+882130012347", "+25241234568"};
        for (int i = 0; i < dest.length; i++) {
            s.call(i * 12.0, LINE, MO, LINE, dest[i], PHONE, true, 4, 9 * 60);
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.IRSF);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("IRSF-001");
            assertThat(((Number) a.getFigures().get("highCostCalls")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("irsf.minCalls"));
            assertThat(((Number) a.getFigures().get("minutes")).doubleValue())
                    .isGreaterThanOrEqualTo(Scenario.doubleParam("irsf.minMinutes"));
        });
    }

    @Test
    void testNumberCallFollowedByHighCostCallsAlerts() {
        Scenario s = new Scenario();
        s.call(0, LINE, MO, LINE, TEST_NUMBER, PHONE, true, 3, 20);
        s.call(5, LINE, MO, LINE, "+882130012345", PHONE, true, 3, 120);
        s.call(10, LINE, MO, LINE, "+882130012346", PHONE, true, 3, 120);
        s.call(15, LINE, MO, LINE, "+25241234567", PHONE, true, 3, 120);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.IRSF);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
            assertThat(a.getRuleId()).isEqualTo("IRSF-002");
            assertThat(a.getFigures().get("testNumber")).isEqualTo(TEST_NUMBER);
            assertThat(((Number) a.getFigures().get("highCostCallsAfterTest")).intValue()).isEqualTo(3);
        });
    }

    @Test
    void familyCallingHomeToAHighRiskCountryDoesNotAlert() {
        Scenario s = new Scenario();
        s.call(0, LINE, MO, LINE, "+25261234567", PHONE, true, 6, 35 * 60);
        s.call(200, LINE, MO, LINE, "+25261234567", PHONE, true, 6, 25 * 60);
        s.call(420, LINE, MO, LINE, "+25261234567", PHONE, true, 6, 40 * 60);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void businessWithManyOrdinaryInternationalCallsDoesNotAlert() {
        Scenario s = new Scenario();
        String[] dest = {"+33612345678", "+4915112345678", "+12125550100", "+34612345678", "+390612345678"};
        for (int i = 0; i < 15; i++) {
            s.call(i * 20.0, LINE, MO, LINE, dest[i % dest.length], PHONE, true, 5, 25 * 60);
        }
        assertThat(s.run()).isEmpty();
    }

    /**
     * Numbers in no listed range that the number-intelligence service says are not in service: answered calls to
     * them are short-stopped, and the rule counts them as high-cost once the service has answered. The alert names
     * the answers it read; without the service the same calls are ordinary international calls. The service here has
     * answered already, as the cache has after a number's first sighting (CachedNumberLookupTest); that the first
     * sighting itself is judged by the tables alone is NumberLookupServiceTest's.
     */
    @Test
    void callsAnsweredByNumbersTheLookupServiceSaysAreUnassignedAlertAndNameTheAnswers() {
        String[] dest = {"+33612345001", "+33612345002", "+33612345003", "+33612345004", "+33612345005"};
        Scenario s = new Scenario();
        for (int i = 0; i < dest.length; i++) {
            s.call(i * 12.0, LINE, MO, LINE, dest[i], PHONE, true, 4, 9 * 60);
        }
        long answeredAt = Scenario.T0 - 3_600_000;
        NumberLookups service = n -> n.startsWith("+336123450")
                ? new NumberLookupAnswer(n, "hlr:test", answeredAt, NumberLookupAnswer.Status.UNASSIGNED, "Orange F", false, 0)
                : null;
        ReferenceDataRepository withService = new ReferenceDataRepository(ReferenceDataLoader.defaults(), service);

        assertThat(s.run()).as("offline tables alone: ordinary calls to France").isEmpty();
        assertThat(s.run(withService)).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("IRSF-001");
            assertThat(a.getFigures().get("latestRange")).isEqualTo("Orange F");
            assertThat((String) a.getFigures().get("numberLookups"))
                    .contains("+33612345001: hlr:test at 2026-03-02T07:00:00Z, unassigned, carrier Orange F")
                    .contains("+33612345005");
        });
    }

    @Test
    void oneHighCostCallShortOfTheCountDoesNotAlert() {
        Scenario s = new Scenario();
        int under = Scenario.intParam("irsf.minCalls") - 1;
        for (int i = 0; i < under; i++) {
            s.call(i * 15.0, LINE, MO, LINE, "+88213001234" + i, PHONE, true, 4, 15 * 60);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void enoughHighCostCallsJustShortOfTheMinutesDoNotAlert() {
        Scenario s = new Scenario();
        int calls = Scenario.intParam("irsf.minCalls") + 1;
        double seconds = (Scenario.doubleParam("irsf.minMinutes") - 0.5) * 60 / calls;
        for (int i = 0; i < calls; i++) {
            s.call(i * 10.0, LINE, MO, LINE, "+88213001234" + i, PHONE, true, 4, seconds);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void testNumberCallFollowedByOneHighCostCallTooFewDoesNotAlert() {
        Scenario s = new Scenario();
        int after = Scenario.intParam("irsf.minCallsAfterTest") - 1;
        s.call(0, LINE, MO, LINE, TEST_NUMBER, PHONE, true, 3, 20);
        for (int i = 0; i < after; i++) {
            s.call(5 + i * 5.0, LINE, MO, LINE, "+88213001234" + i, PHONE, true, 3, 120);
        }
        assertThat(s.run()).isEmpty();
    }

    /**
     * IRSF-001/002 leave brand-new lines to SUBSCRIPTION_FRAUD, whose thresholds are higher: pumping that
     * alerts on an established line must not go unseen on a line opened an hour ago.
     */
    @Test
    void brandNewLinePumpingHighRiskRangesAlertsUnderOneTypology() {
        Scenario s = new Scenario();
        s.subscription(0, LINE);
        String[] dest = {"+882130012345", "+882130012346", "+25241234567", "+882130012347", "+25241234568"};
        for (int i = 0; i < dest.length; i++) {
            s.call(60 + i * 12.0, LINE, MO, LINE, dest[i], PHONE, true, 4, 10 * 60);
        }
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isIn(Typology.IRSF, Typology.SUBSCRIPTION_FRAUD);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
        });
    }

    @Test
    void brandNewLineCallingATestNumberThenHighCostRangesAlertsUnderOneTypology() {
        Scenario s = new Scenario();
        s.subscription(0, LINE);
        s.call(60, LINE, MO, LINE, TEST_NUMBER, PHONE, true, 3, 20);
        s.call(65, LINE, MO, LINE, "+882130012345", PHONE, true, 3, 120);
        s.call(70, LINE, MO, LINE, "+882130012346", PHONE, true, 3, 120);
        s.call(75, LINE, MO, LINE, "+25241234567", PHONE, true, 3, 120);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isIn(Typology.IRSF, Typology.SUBSCRIPTION_FRAUD);
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
        });
    }

    /**
     * One watch per line: it is forgotten once the line's high-cost calls have left memory, and a later
     * burst starts a new one. Each incident names the range of its own latest call.
     */
    @Test
    void secondBurstHoursLaterIsASecondIncidentWithItsOwnLatestRange() {
        Scenario s = new Scenario();
        String[] first = {"+882130012345", "+882130012346", "+882130012347", "+25241234567"};
        String[] second = {"+25241234568", "+25241234569", "+25241234570", "+882130012348"};
        for (int i = 0; i < 4; i++) {
            s.call(i * 12.0, LINE, MO, LINE, first[i], PHONE, true, 4, 9 * 60);
            s.call(600 + i * 12.0, LINE, MO, LINE, second[i], PHONE, true, 4, 9 * 60);
        }
        List<Alert> alerts = s.run();
        assertThat(alerts).hasSize(2).allSatisfy(a -> {
            assertThat(a.getRuleId()).isEqualTo("IRSF-001");
            assertThat(a.getSubject()).isEqualTo(Subject.subscriber(LINE));
        });
        assertThat(alerts.get(0).getFigures().get("latestRange")).isEqualTo("Somalia");
        assertThat(alerts.get(1).getFigures().get("latestRange")).isEqualTo("International Networks");
    }

    /** A line whose only high-cost calls go to its own forwarding target starts nothing (CALL_FORWARD_FRAUD's). */
    @Test
    void callsToTheLinesActiveForwardingTargetDoNotCount() {
        Scenario s = new Scenario();
        s.forward(0, LINE, "+882130012345", true);
        for (int i = 0; i < 6; i++) {
            s.call(5 + i * 10.0, LINE, MO, LINE, "+882130012345", PHONE, true, 4, 9 * 60);
        }
        s.call(70, LINE, MO, LINE, "+25241234567", PHONE, true, 4, 9 * 60);
        assertThat(s.run()).noneMatch(a -> a.getTypology() == Typology.IRSF);
    }
}
