package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Roaming;
import org.junit.jupiter.api.Test;

import static io.ringfence.event.Direction.MO;
import static org.assertj.core.api.Assertions.assertThat;

class PbxHackingScenarioTest {
    private static final String OWNER = "+442071234567";
    private static final String TRUNK = "PBX-ACME";
    private static final String SCANNER = "203.0.113.45";
    private static final String PBX_IP = "198.51.100.20";

    private static String ext(int n) {
        return "sip:" + n + "@acme.example";
    }

    /** {@code failures} failed REGISTERs from the scanner, cycling through {@code extensions} extensions. */
    private static Scenario bruteForce(Scenario s, int failures, int extensions) {
        for (int i = 0; i < failures; i++) {
            String uri = ext(200 + i % extensions);
            s.sip(i * 0.5, OWNER, "REGISTER", i % 2 == 0 ? 401 : 403, SCANNER, uri, uri, TRUNK);
        }
        return s;
    }

    @Test
    void registrationBruteForceEndingInASuccessAlertsOnTheSourceIp() {
        Scenario s = bruteForce(new Scenario(), 30, 6);
        s.sip(15.2, OWNER, "REGISTER", 200, SCANNER, ext(203), ext(203), TRUNK);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.PBX_HACKING);
            assertThat(a.getSubject()).isEqualTo(Subject.ip(SCANNER));
            assertThat(a.getRuleId()).isEqualTo("PBX-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(((Number) a.getFigures().get("failedRegistrations")).intValue())
                    .isGreaterThanOrEqualTo(Scenario.intParam("pbx.minFailures"));
            assertThat(a.getFigures().get("extensionsTried")).isEqualTo(6);
            assertThat(a.getFigures().get("successes")).isEqualTo(1L);
        });
    }

    @Test
    void highCostInvitesFromTheCompromisedSourceRaiseTheAlertToCritical() {
        Scenario s = bruteForce(new Scenario(), 30, 6);
        s.sip(15.2, OWNER, "REGISTER", 200, SCANNER, ext(203), ext(203), TRUNK);
        s.sip(18, OWNER, "INVITE", 200, SCANNER, ext(203), "sip:+882130012345@acme.example", TRUNK);
        s.sip(19, OWNER, "INVITE", 200, SCANNER, ext(203), "sip:+25241234567@acme.example", TRUNK);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getTypology()).isEqualTo(Typology.PBX_HACKING);
            assertThat(a.getSubject()).isEqualTo(Subject.ip(SCANNER));
            assertThat(a.getRuleId()).isEqualTo("PBX-001");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getRulesFired()).anyMatch(r -> r.startsWith("PBX-002@"));
            assertThat(a.getFigures().get("highCostInviteTo")).isEqualTo("sip:+25241234567@acme.example");
        });
    }

    @Test
    void normalDigestAuthenticationFromThePbxAndItsCallsDoNotAlert() {
        Scenario s = new Scenario();
        // 20 extensions re-register every 30 minutes: a 401 challenge, then a 200, from the PBX's own IP.
        for (int cycle = 0; cycle < 8; cycle++) {
            for (int e = 0; e < 20; e++) {
                double t = cycle * 30 + e * 0.2;
                s.sip(t, OWNER, "REGISTER", 401, PBX_IP, ext(200 + e), ext(200 + e), TRUNK);
                s.sip(t + 0.01, OWNER, "REGISTER", 200, PBX_IP, ext(200 + e), ext(200 + e), TRUNK);
            }
        }
        // The company's calls, one of them to a high-risk country.
        String[] dest = {"+25261234567", "+33612345678", "+442079460000", "+447700900123"};
        for (int i = 0; i < dest.length; i++) {
            double t = 40 + i * 25;
            s.sip(t, OWNER, "INVITE", 200, PBX_IP, ext(210 + i), "sip:" + dest[i] + "@acme.example", TRUNK);
            s.call(t + 0.05, OWNER, MO, OWNER, dest[i], Device.NONE, Roaming.HOME, TRUNK, true, 3, 12 * 60, null);
        }
        assertThat(s.run()).isEmpty();
    }

    @Test
    void oneFailureShortOfTheBruteForceThresholdDoesNotAlert() {
        Scenario s = bruteForce(new Scenario(), Scenario.intParam("pbx.minFailures") - 1, 6);
        s.sip(10, OWNER, "REGISTER", 200, SCANNER, ext(203), ext(203), TRUNK);
        s.sip(12, OWNER, "INVITE", 200, SCANNER, ext(203), "sip:+882130012345@acme.example", TRUNK);
        assertThat(s.run()).isEmpty();
    }

    @Test
    void manyFailuresOnTooFewExtensionsDoNotAlert() {
        Scenario s = bruteForce(new Scenario(), 30, Scenario.intParam("pbx.minExtensions") - 1);
        s.sip(15.2, OWNER, "REGISTER", 200, SCANNER, ext(200), ext(200), TRUNK);
        assertThat(s.run()).isEmpty();
    }

    /** The figures are those of the success that ended the brute force, not of its failures fading from memory. */
    @Test
    void theFiguresAreTheBruteForceBeforeTheSuccess() {
        Scenario s = bruteForce(new Scenario(), 30, 6);
        s.sip(15.2, OWNER, "REGISTER", 200, SCANNER, ext(203), ext(203), TRUNK);
        // Later traffic moves the clock past the first failures' retention, while the success is still in memory.
        s.sip(121, OWNER, "REGISTER", 401, PBX_IP, ext(200), ext(200), TRUNK);
        assertThat(s.run()).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("PBX-001");
            assertThat(a.getFigures().get("failedRegistrations")).isEqualTo(30L);
            assertThat(a.getMatches()).isEqualTo(1);
        });
    }

    /**
     * A success is judged on the registrations before it: earlier successes leaving memory hours later do
     * not turn it into a brute force after the fact.
     */
    @Test
    void aSuccessIsNotJudgedAgainWhenEarlierSuccessesLeaveMemory() {
        Scenario s = new Scenario();
        for (int i = 0; i < 5; i++) {
            s.sip(i * 0.1, OWNER, "REGISTER", 200, SCANNER, ext(200 + i), ext(200 + i), TRUNK);
        }
        for (int i = 0; i < 20; i++) {
            s.sip(1 + i, OWNER, "REGISTER", 401, SCANNER, ext(200 + i % 4), ext(200 + i % 4), TRUNK);
        }
        s.sip(25, OWNER, "REGISTER", 200, SCANNER, ext(203), ext(203), TRUNK);
        s.sip(120.5, OWNER, "REGISTER", 401, PBX_IP, ext(200), ext(200), TRUNK); // later traffic moves the clock on
        assertThat(s.run()).isEmpty();
    }
}
