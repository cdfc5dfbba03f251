package io.ringfence.simulator;


import java.util.List;
import java.util.SplittableRandom;

/** Number, SIM, handset and cell generators for the demo network (UK country code 44, PLMN 234-15). */
final class Numbers {
    /** Mobile prefixes of countries honest subscribers call or get calls from; none is a high-cost range. */
    private static final String[][] ORDINARY_FOREIGN = {
            {"1212", "7"}, {"336", "8"}, {"4915", "9"}, {"346", "8"}, {"4851", "7"}, {"9198", "8"},
            {"35387", "7"}, {"39347", "7"}, {"86139", "8"}, {"234803", "7"}, {"614", "8"}, {"3161", "7"}};
    /** Handset TACs of ordinary phones (made-up, none in the gateway list). */
    private static final String[] PHONE_TACS = {"35332211", "35891410", "35420118", "86730205", "35290611",
            "35676311", "35925406", "86012304"};
    static final String[] GATEWAY_TACS = {"86021003", "86450102", "35874207", "86793604"};
    static final String[] HIGH_COST_PREFIXES = {"882", "883", "881", "870", "252", "232", "224", "247", "290",
            "239", "675", "677", "678", "682", "686", "688", "691", "37181", "37190", "53"};
    static final String[] BANK_SENDERS = {"MYBANK", "PAYFAST", "SECURECARD", "NEOBANK", "CRYPTOX", "SHOPPAY"};

    private final SplittableRandom rnd;
    private final int subscriberBase;

    Numbers(SplittableRandom rnd) {
        this.rnd = rnd;
        this.subscriberBase = 10_000_000 + rnd.nextInt(40_000_000);
    }

    String subscriberMsisdn(int index) {
        return "+4477" + (subscriberBase + index);
    }

    String imsiFor(int index) {
        return "23415" + String.format("%010d", 100_000_000L + subscriberBase + index);
    }

    Identity identity(int index) {
        int cells = 2 + rnd.nextInt(3);
        List<String> home = new java.util.ArrayList<>();
        for (int i = 0; i < cells; i++) {
            home.add(homeCell());
        }
        return new Identity(subscriberMsisdn(index), imsiFor(index), phoneImei(), List.copyOf(home));
    }

    String homeCell() {
        return "234-15-" + (1000 + rnd.nextInt(60)) + "-" + (10000 + rnd.nextInt(3000));
    }

    String visitedCell(String plmn) {
        return plmn + "-" + (100 + rnd.nextInt(900)) + "-" + (1000 + rnd.nextInt(9000));
    }

    String phoneImei() {
        return imei(PHONE_TACS[rnd.nextInt(PHONE_TACS.length)]);
    }

    String imei(String tac) {
        StringBuilder s = new StringBuilder(tac);
        for (int i = 0; i < 6; i++) {
            s.append(rnd.nextInt(10));
        }
        return s.append(luhn(s)).toString();
    }

    String domesticMobile() {
        return "+447" + digits(9);
    }

    String domesticNumber() {
        return rnd.nextInt(4) == 0 ? "+4420" + digits(8) : domesticMobile();
    }

    String ordinaryForeign() {
        String[] p = ORDINARY_FOREIGN[rnd.nextInt(ORDINARY_FOREIGN.length)];
        return "+" + p[0] + digits(Integer.parseInt(p[1]));
    }

    /** A number in a listed high-cost range, its length plausible for the range. */
    String highCost() {
        String prefix = HIGH_COST_PREFIXES[rnd.nextInt(HIGH_COST_PREFIXES.length)];
        return highCostIn(prefix);
    }

    String highCostIn(String prefix) {
        return "+" + prefix + digits(Math.max(6, 11 - prefix.length()));
    }

    /** French premium-rate numbers: what a fraudster roaming in France calls besides IRSF ranges. */
    String frenchPremium() {
        return "+33891" + digits(6);
    }

    String foreignGt(String countryPrefix) {
        return countryPrefix + digits(12 - countryPrefix.length());
    }

    String ip() {
        return (11 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        s.append(1 + rnd.nextInt(9));
        for (int i = 1; i < n; i++) {
            s.append(rnd.nextInt(10));
        }
        return s.toString();
    }

    private static int luhn(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
