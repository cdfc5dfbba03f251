package io.ringfence.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * The traffic of a hacked enterprise PBX account, shaped after what the PBX-hacking rules read
 * (rules/pbx-hacking.drl): PBX-001 wants, from one source IP within 30 minutes, at least 15 failed
 * registrations (401/403/407) across at least 3 extensions, ending in a success, with five failures or more
 * per success; PBX-002 then fires on each INVITE from that IP to a high-cost range while the first alert is
 * open. Both are SIP events, which is what the proxy reports; the calls need no duration, so a test can
 * place them in seconds.
 */
final class PbxAttack {
    /** The enterprise's PBX account on the proxy (its main number's range). */
    static final String PBX_ACCOUNT = "+442079460100";
    static final String PBX_PASSWORD = "Spring2026!";
    /** What SIPVicious, the common scanner, calls itself. */
    static final String SCANNER = "friendly-scanner";
    /** Premium and IRSF destinations in the reference ranges (882/883 international networks, 881 GMSS,
     *  870 Inmarsat), none of them an IRSF test number, so only the rules' decision can refuse them. */
    static final List<String> PREMIUM = List.of("+882347001001", "+883510002002", "+881631003003", "+870772004004");

    private PbxAttack() {
    }

    /**
     * Guesses at three extensions, then the right password of the account: 3 x 3 wrong guesses are 18
     * failed answers (each attempt's challenge and its refusal), the last attempt one more and a 200.
     */
    static List<String> bruteForce() {
        List<String> lines = new ArrayList<>();
        for (String ext : List.of("+442079460101", "+442079460102", "+442079460103")) {
            for (String guess : List.of("1234", "password", "admin")) {
                lines.add(ext + ";[authentication username=" + ext + " password=" + guess + "];" + SCANNER);
            }
        }
        lines.add(PBX_ACCOUNT + ";[authentication username=" + PBX_ACCOUNT + " password=" + PBX_PASSWORD + "];" + SCANNER);
        return lines;
    }

    /** The n-th pumped call: from the account to the next premium range. */
    static String pumpedCall(int n) {
        return PBX_ACCOUNT + ";" + PREMIUM.get(n % PREMIUM.size()) + ";" + SCANNER;
    }
}
