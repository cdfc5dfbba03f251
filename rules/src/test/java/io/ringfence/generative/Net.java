package io.ringfence.generative;

import java.util.SplittableRandom;

/**
 * The demo network (country code 44, PLMN 234-15, the roaming partners of demo-network.json) as the
 * behaviours see it: numbers, SIMs, handsets, cells, global titles and realms, all drawn from one
 * random source so a seed gives the same day every time.
 */
final class Net {
    static final String HOME_HLR_GT = "447700900001";
    static final String HOME_SMSC_GT = "447700900100";
    static final String HOME_REALM = "epc.mnc015.mcc234.3gppnetwork.org";
    /** Partners by PLMN, GT prefix and realm, as in demo-network.json. */
    static final String[][] PARTNERS = {
            {"208-01", "33", "epc.mnc001.mcc208.3gppnetwork.org"},
            {"262-02", "49", "epc.mnc002.mcc262.3gppnetwork.org"},
            {"214-07", "34", "epc.mnc007.mcc214.3gppnetwork.org"}};
    /** Networks with no roaming agreement. */
    static final String[][] STRANGERS = {
            {"621-20", "234803", "epc.mnc020.mcc621.3gppnetwork.org"},
            {"417-01", "96399", "epc.mnc001.mcc417.3gppnetwork.org"}};
    static final String[] HIGH_COST_PREFIXES = {"882", "883", "881", "870", "252", "232", "247", "290", "239"};
    static final String IRSF_TEST_NUMBER = "+88213500001";
    /** Ordinary foreign mobile prefixes and how many digits follow. */
    private static final String[][] ORDINARY_FOREIGN = {{"336", "8"}, {"4915", "9"}, {"346", "8"}, {"1212", "7"},
            {"35387", "7"}, {"9198", "8"}};
    private static final String[] PHONE_TACS = {"35332211", "35891410", "35420118", "86730205"};
    private static final String[] GATEWAY_TACS = {"86021003", "86450102", "35874207"};

    final SplittableRandom rnd;
    private final int base;
    private int nextLine;

    Net(SplittableRandom rnd) {
        this.rnd = rnd;
        this.base = 10_000_000 + rnd.nextInt(40_000_000);
    }

    /** A home line: each call gives a different subscriber. */
    Phone newPhone() {
        int i = nextLine++;
        return new Phone("+4477" + (base + i), "23415" + String.format("%010d", 100_000_000L + base + i), phoneImei());
    }

    String newImsi() {
        return "23415" + digits(10);
    }

    String phoneImei() {
        return imei(pick(PHONE_TACS));
    }

    String gatewayImei() {
        return imei(pick(GATEWAY_TACS));
    }

    private String imei(String tac) {
        return tac + digits(7);
    }

    String homeCell() {
        return "234-15-" + (1000 + rnd.nextInt(60)) + "-" + (10000 + rnd.nextInt(3000));
    }

    String visitedCell(String plmn) {
        return plmn + "-" + (100 + rnd.nextInt(900)) + "-" + (1000 + rnd.nextInt(9000));
    }

    String domesticMobile() {
        return "+447" + digits(9);
    }

    String domesticNumber() {
        return rnd.nextInt(4) == 0 ? "+4420" + digits(8) : domesticMobile();
    }

    String ordinaryForeign() {
        String[] p = pick(ORDINARY_FOREIGN);
        return "+" + p[0] + digits(Integer.parseInt(p[1]));
    }

    String highCost() {
        return "+" + pick(HIGH_COST_PREFIXES) + digits(7);
    }

    String partnerGt(String[] partner) {
        return partner[1] + digits(9);
    }

    String ip() {
        return (11 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + rnd.nextInt(10)));
        }
        return s.toString();
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    int between(int lo, int hiInclusive) {
        return lo + rnd.nextInt(hiInclusive - lo + 1);
    }

    /** A time in [lo, hi), or lo if the span is empty. */
    long time(long lo, long hi) {
        return hi <= lo ? lo : lo + (long) (rnd.nextDouble() * (hi - lo));
    }

    double between(double lo, double hi) {
        return lo + rnd.nextDouble() * (hi - lo);
    }

    /** Exponential gap with this mean, at least one second. */
    long gap(long meanMillis) {
        return Math.max(1000, (long) (-Math.log(1 - rnd.nextDouble()) * meanMillis));
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    /** A SIM in a handset: the line, its IMSI and its IMEI (both may change during a day). */
    record Phone(String msisdn, String imsi, String imei) {
        Phone withImsi(String newImsi) {
            return new Phone(msisdn, newImsi, imei);
        }

        Phone withImei(String newImei) {
            return new Phone(msisdn, imsi, newImei);
        }
    }
}
