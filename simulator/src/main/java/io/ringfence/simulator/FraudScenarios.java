package io.ringfence.simulator;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;

import static io.ringfence.simulator.Script.HOUR;
import static io.ringfence.simulator.Script.MIN;
import static io.ringfence.simulator.Script.SEC;

/**
 * One injected incident per call, for each typology, with its ground-truth label. Sizes, speeds and
 * timing are drawn per incident from wide ranges so rules cannot be tuned to a single shape.
 */
final class FraudScenarios {
    static final String[] TEST_NUMBERS = {"+88213500001", "+8823900117", "+2524100200", "+23276000111"};
    static final String[] FOREIGN_GT_PREFIXES = {"2547", "8613", "9715", "2348", "6281", "7495", "5521", "2012"};
    static final String[][] PARTNERS = {
            {"208-01", "33", "epc.mnc001.mcc208.3gppnetwork.org"},
            {"262-02", "49", "epc.mnc002.mcc262.3gppnetwork.org"},
            {"214-07", "34", "epc.mnc007.mcc214.3gppnetwork.org"}};

    private final Script s;

    FraudScenarios(Script s) {
        this.s = s;
    }

    void wangiri() {
        String caller = s.chance(0.7) ? s.numbers.highCost() : s.numbers.ordinaryForeign();
        ScriptedActor a = s.actor();
        long t0 = s.at(0.5, 22);
        int victims = s.between(12, 120);
        long span = s.between(5, 25) * MIN;
        String first = null;
        long last = t0;
        for (int i = 0; i < victims; i++) {
            OrdinaryActor v = s.base.get(s.rnd.nextInt(s.base.size()));
            Identity id = v.identity();
            first = first == null ? id.msisdn() : first;
            long t = t0 + (long) (span * (i / (double) victims)) + s.rnd.nextInt(5000);
            last = Math.max(last, t);
            a.add(s.f.voice(t, id.msisdn(), Direction.MT, caller, id.msisdn(), touch(id), Roaming.HOME,
                    s.pick(new String[]{"INTL-GW-1", "INTL-GW-2"}), null, false, s.between(0.5, 4.0), 0));
            if (s.chance(s.between(0.05, 0.25))) {
                long cb = t + s.between(1, 60) * MIN;
                double dur = s.between(30.0, 300.0);
                a.add(s.f.voice(cb, id.msisdn(), Direction.MO, id.msisdn(), caller, touch(id), Roaming.HOME, null,
                        dur / 60 * 1.5, true, 4, dur));
                last = Math.max(last, cb);
            }
        }
        s.fraud("WANGIRI", "NUMBER", caller, first, t0, last);
    }

    void irsf() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(0, 21);
        long t = t0;
        if (s.chance(0.5)) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.pick(TEST_NUMBERS), device(id), Roaming.HOME,
                    null, null, true, 3, s.between(8.0, 40.0)));
            t += s.between(1, 15) * MIN;
        }
        String[] destinations = new String[s.between(1, 5)];
        for (int i = 0; i < destinations.length; i++) {
            destinations[i] = s.numbers.highCost();
        }
        int calls = s.between(8, 40);
        long span = s.between(60, 180) * MIN;
        long last = t;
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls)) + s.rnd.nextInt(60_000);
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), s.pick(destinations), device(id),
                    Roaming.HOME, null, null, true, 3, s.between(3.0, 30.0) * 60));
            last = Math.max(last, ct);
        }
        s.fraud("IRSF", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    void simbox() {
        int sims = s.between(4, 12);
        boolean gateway = s.chance(0.5);
        String tac = s.pick(Numbers.GATEWAY_TACS);
        String[] cells = s.chance(0.7) ? new String[]{s.numbers.homeCell()}
                : new String[]{s.numbers.homeCell(), s.numbers.homeCell()};
        long from = s.at(5, 14);
        long to = Math.min(s.end - 1, from + s.between(3, 9) * HOUR);
        for (int i = 0; i < sims; i++) {
            Identity id = s.newLine();
            String imei = gateway ? s.numbers.imei(tac) : s.numbers.phoneImei();
            ScriptedActor a = s.actor();
            double perHour = s.between(20.0, 45.0);
            long t = from + s.rnd.nextInt(10 * 60_000);
            long nextInbound = t + s.between(2, 6) * HOUR;
            while (t < to) {
                Device dev = new Device(id.imsi(), imei, s.pick(cells));
                double dur = s.between(20.0, 120.0);
                a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticMobile(), dev,
                        Roaming.HOME, null, null, s.chance(0.75), s.between(3.0, 12.0), dur));
                if (t > nextInbound) {
                    a.add(s.f.voice(t + 5 * SEC, id.msisdn(), Direction.MT, s.numbers.domesticMobile(), id.msisdn(), dev,
                            Roaming.HOME, null, null, false, 20, 0));
                    nextInbound = t + s.between(2, 6) * HOUR;
                }
                t += (long) (-Math.log(1 - s.rnd.nextDouble()) / perHour * HOUR) + (long) (dur * 1000);
            }
            s.fraud("SIMBOX", "SUBSCRIBER", id.msisdn(), id.msisdn(), from, to);
        }
    }

    void pbxHacking() {
        String pbx = "acme" + s.numbers.digits(3);
        String trunk = "PBX-" + pbx.toUpperCase();
        String owner = "+4420" + s.numbers.digits(8);
        String attacker = s.numbers.ip();
        ScriptedActor a = s.actor();
        long t0 = s.at(0, 21);
        int failures = s.between(25, 300);
        int extensions = s.between(5, 60);
        long span = s.between(3, 15) * MIN;
        String ua = s.pick(new String[]{"friendly-scanner", "sipvicious", "PolycomSoundPointIP", "Asterisk PBX"});
        for (int i = 0; i < failures; i++) {
            long t = t0 + (long) (span * (i / (double) failures));
            String ext = "sip:" + (100 + s.rnd.nextInt(extensions)) + "@" + pbx + ".example";
            a.add(s.f.sip(t, owner, "REGISTER", s.chance(0.6) ? 401 : 403, attacker, ua, ext, ext, trunk));
        }
        long ok = t0 + span + s.between(5, 120) * SEC;
        String ext = "sip:" + (100 + s.rnd.nextInt(extensions)) + "@" + pbx + ".example";
        a.add(s.f.sip(ok, owner, "REGISTER", 200, attacker, ua, ext, ext, trunk));
        long t = ok + s.between(5, 60) * MIN;
        int calls = s.between(5, 60);
        long last = t;
        for (int i = 0; i < calls; i++) {
            String b = s.numbers.highCost();
            a.add(s.f.sip(t, owner, "INVITE", 200, attacker, ua, ext, "sip:" + b + "@" + pbx + ".example", trunk));
            a.add(s.f.voice(t + 2 * SEC, owner, Direction.MO, owner, b, Device.NONE, Roaming.HOME, trunk, null, true, 2,
                    s.between(1.0, 20.0) * 60));
            last = t;
            t += s.between(10, 300) * SEC;
        }
        s.fraud("PBX_HACKING", "IP", attacker, owner, t0, last);
    }

    void simSwap() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(7, 20);
        v.stopAt(t0);
        // The owner used the phone before the swap (a real line has days of history; a quiet morning in a
        // one-day simulation would leave none, and "a new handset" would mean nothing).
        a.add(s.f.data(t0 - s.between(20, 120) * MIN, id.msisdn(),
                new Device(id.imsi(), id.imei(), id.homeCells().get(0)), Roaming.HOME, 5_000, 80_000));
        String channel = s.chance(0.6) ? "ONLINE" : "CALL_CENTER";
        String newImsi = "23415" + s.numbers.digits(10);
        a.add(s.f.simSwap(t0, id.msisdn(), id.imsi(), newImsi, channel, channel.equals("CALL_CENTER") ? "agent" + s.between(1, 80) : null));
        Device fraudDevice = new Device(newImsi, s.numbers.phoneImei(), s.numbers.homeCell());
        long t = t0 + s.between(2, 30) * MIN;
        a.add(s.f.data(t, id.msisdn(), fraudDevice, Roaming.HOME, 20_000, 400_000));
        int otps = s.between(2, 6);
        long last = t;
        for (int i = 0; i < otps; i++) {
            t += s.between(1, 20) * MIN;
            a.add(s.f.sms(t, id.msisdn(), Direction.MT, "+447860" + s.numbers.digits(6), id.msisdn(), fraudDevice,
                    Roaming.HOME, s.pick(Numbers.BANK_SENDERS)));
            last = t;
        }
        if (s.chance(0.5)) {
            long cf = t0 + s.between(3, 60) * MIN;
            a.add(s.f.callForward(cf, id.msisdn(), s.numbers.domesticMobile(), "UNCONDITIONAL", true));
            last = Math.max(last, cf);
        }
        s.fraud("SIM_SWAP", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    void smsPumping() {
        String sender = s.pick(new String[]{"VERIFY", "AUTHAPP", "LOGINCODE", "OTPHUB", "SIGNUP"}) + s.between(1, 99);
        String account = "+447860" + s.numbers.digits(6);
        ScriptedActor a = s.actor();
        LookalikeScenarios.a2pBaseline(s, a, sender, account);
        String prefix = s.chance(0.6) ? s.pick(Numbers.HIGH_COST_PREFIXES) : s.pick(new String[]{"9198", "2348", "6281", "8613"});
        String range = prefix + s.numbers.digits(Math.max(1, 6 - prefix.length()));
        long firstNumber = Long.parseLong(range + s.numbers.digits(5));
        int messages = s.between(150, 1500);
        long t0 = s.at(0, 22);
        long span = s.between(5, 45) * MIN;
        long last = t0;
        for (int i = 0; i < messages; i++) {
            long t = t0 + (long) (span * (i / (double) messages));
            long number = s.chance(0.8) ? firstNumber + i : firstNumber + s.rnd.nextInt(messages * 3);
            a.add(s.f.sms(t, account, Direction.MO, account, "+" + number, Device.NONE, Roaming.HOME, sender));
            last = t;
        }
        s.fraud("SMS_PUMPING", "SENDER", sender, account, t0, last);
    }

    void roaming() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        String[] partner = s.pick(PARTNERS);
        long t0 = s.at(1, 18);
        arrive(a, id, partner, t0);
        Device dev = new Device(id.imsi(), id.imei(), s.numbers.visitedCell(partner[0]));
        Roaming abroad = new Roaming(true, partner[0]);
        a.add(s.f.data(t0 + MIN, id.msisdn(), dev, abroad, 50_000, 900_000));
        int calls = s.between(6, 40);
        long span = s.between(60, 240) * MIN;
        long t = t0 + s.between(5, 60) * MIN;
        long last = t;
        double rate = s.between(2.0, 5.0);
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls));
            String b = partner[0].equals("208-01") && s.chance(0.3) ? s.numbers.frenchPremium() : s.numbers.highCost();
            double minutes = s.between(5.0, 30.0);
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), b, dev, abroad, null,
                    Math.round(minutes * rate * 100) / 100.0, true, 3, minutes * 60));
            last = ct;
        }
        s.fraud("ROAMING_FRAUD", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    void subscription() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        long t0 = s.at(0.5, 10);
        a.add(s.f.subscription(t0, id.msisdn(), s.chance(0.5) ? "POSTPAID" : "PREPAID", "C" + s.numbers.digits(8),
                s.pick(new String[]{"ONLINE", "RETAIL", "CALL_CENTER"}), s.numbers.digits(12)));
        long t = t0 + s.between(10, 240) * MIN;
        int calls = s.between(15, 80);
        long span = s.between(2, 8) * HOUR;
        long last = t;
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls)) + s.rnd.nextInt(60_000);
            if (ct >= s.end) {
                break;
            }
            String b = s.chance(0.6) ? s.numbers.highCost() : s.numbers.ordinaryForeign();
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), b, device(id), Roaming.HOME, null, null, true, 3,
                    s.between(3.0, 20.0) * 60));
            last = ct;
            if (s.chance(0.1)) {
                a.add(s.f.data(ct + MIN, id.msisdn(), device(id), Roaming.HOME, 1000, 20_000));
            }
        }
        s.fraud("SUBSCRIPTION_FRAUD", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    void simCloning() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(7, 19);
        long until = t0 + s.between(60, 240) * MIN;
        Device clone = new Device(id.imsi(), s.numbers.phoneImei(), s.numbers.homeCell());
        for (long t = t0; t < until; t += s.between(5, 20) * MIN) {
            a.add(s.f.data(t, id.msisdn(), device(id), Roaming.HOME, 10_000, 200_000));
        }
        int calls = s.between(5, 25);
        long last = t0;
        for (int i = 0; i < calls; i++) {
            long ct = s.between(t0, until);
            String b = s.chance(0.7) ? s.numbers.domesticNumber() : s.numbers.ordinaryForeign();
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), b, clone, Roaming.HOME, null, null, true, 4,
                    s.between(2.0, 20.0) * 60));
            last = Math.max(last, ct);
        }
        s.fraud("SIM_CLONING", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    void ss7() {
        ScriptedActor a = s.actor();
        long t0 = s.at(6, 22);
        double kind = s.rnd.nextDouble();
        String gt;
        long last = t0;
        if (kind < 0.8) {
            gt = s.numbers.foreignGt(s.pick(FOREIGN_GT_PREFIXES));
            String[] ops;
            int victims;
            if (kind < 0.4) {
                ops = new String[]{"anyTimeInterrogation", "provideSubscriberInfo"};
                victims = s.between(1, 10);
            } else if (kind < 0.65) {
                ops = new String[]{"sendRoutingInfoForSM", "sendRoutingInfo"};
                victims = s.between(8, 80);
            } else {
                ops = new String[]{"updateLocation", "insertSubscriberData"};
                victims = s.between(1, 5);
            }
            long span = s.between(1, 50) * MIN;
            for (int i = 0; i < victims; i++) {
                Identity v = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                long t = t0 + (long) (span * (i / (double) victims));
                a.add(s.f.ss7(t, v.msisdn(), s.pick(ops), gt, "447700900001", v.imsi()));
                last = t;
            }
        } else {
            String[] partner = s.pick(PARTNERS);
            gt = s.numbers.foreignGt(partner[1]);
            int victims = s.between(1, 3);
            for (int i = 0; i < victims; i++) {
                Identity v = s.victim().identity();
                long t = t0 + i * s.between(1, 10) * MIN;
                a.add(s.f.data(t - s.between(1, 15) * MIN, v.msisdn(), device(v), Roaming.HOME, 5000, 90_000));
                a.add(s.f.ss7(t, v.msisdn(), "updateLocation", gt, "447700900001", v.imsi()));
                last = t;
            }
        }
        s.fraud("SS7_ATTACK", "GT", gt, null, t0, last);
    }

    void diameter() {
        ScriptedActor a = s.actor();
        long t0 = s.at(6, 22);
        String host;
        long last = t0;
        if (s.chance(0.7)) {
            String realm = "epc.mnc0" + s.between(10, 99) + ".mcc" + s.pick(new String[]{"999", "412", "621", "635", "417"})
                    + ".3gppnetwork.org";
            host = "mme" + s.between(1, 9) + "." + realm;
            int victims = s.between(1, 15);
            for (int i = 0; i < victims; i++) {
                Identity v = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                long t = t0 + i * s.between(5, 120) * SEC;
                a.add(s.f.diameter(t, v.msisdn(), s.pick(new String[]{"ULR", "AIR", "IDR", "CLR"}), host, realm, v.imsi()));
                last = t;
            }
        } else {
            String realm = s.pick(PARTNERS)[2];
            host = "mme-" + s.numbers.digits(3) + "." + realm;
            int victims = s.between(1, 3);
            for (int i = 0; i < victims; i++) {
                Identity v = s.victim().identity();
                long t = t0 + i * s.between(1, 10) * MIN;
                a.add(s.f.data(t - s.between(1, 15) * MIN, v.msisdn(), device(v), Roaming.HOME, 5000, 90_000));
                a.add(s.f.diameter(t, v.msisdn(), s.pick(new String[]{"ULR", "AIR"}), host, realm, v.imsi()));
                last = t;
            }
        }
        s.fraud("DIAMETER_ATTACK", "GT", host, null, t0, last);
    }

    void callForward() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(1, 20);
        String target = s.numbers.highCost();
        a.add(s.f.callForward(t0, id.msisdn(), target, s.chance(0.8) ? "UNCONDITIONAL" : "NO_REPLY", true));
        int legs = s.between(5, 40);
        long t = t0 + s.between(2, 30) * MIN;
        long last = t0;
        for (int i = 0; i < legs; i++) {
            String caller = s.chance(0.5) ? s.numbers.domesticNumber() : s.numbers.ordinaryForeign();
            a.add(s.f.voice(t, id.msisdn(), Direction.MT, caller, id.msisdn(), touch(id), Roaming.HOME, null, null,
                    false, 0, 0));
            a.add(s.f.voice(t + SEC, id.msisdn(), Direction.MO, id.msisdn(), target, device(id), Roaming.HOME, null, null,
                    true, 1, s.between(2.0, 30.0) * 60));
            last = t;
            t += s.between(2, 15) * MIN;
        }
        s.fraud("CALL_FORWARD_FRAUD", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    void cliSpoofing() {
        ScriptedActor a = s.actor();
        long t0 = s.at(6, 22);
        int presented = s.between(1, 4);
        for (int p = 0; p < presented; p++) {
            Identity owner = s.victim().identity();
            a.add(s.f.data(t0 - s.between(5, 60) * MIN, owner.msisdn(), device(owner), Roaming.HOME, 3000, 50_000));
            int calls = s.between(1, 8);
            long t = t0 + s.between(0, 30) * MIN;
            long first = t;
            for (int i = 0; i < calls; i++) {
                Identity called = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                boolean answered = s.chance(0.5);
                a.add(s.f.voice(t, called.msisdn(), Direction.MT, owner.msisdn(), called.msisdn(), touch(called),
                        Roaming.HOME, s.pick(new String[]{"INTL-GW-1", "INTL-GW-2"}), null, answered, 6, s.between(20.0, 200.0)));
                t += s.between(1, 15) * MIN;
            }
            s.fraud("CLI_SPOOFING", "NUMBER", owner.msisdn(), owner.msisdn(), first, t);
        }
    }

    /** A subscriber lands abroad: the visited network's location update over SS7 and Diameter. */
    void arrive(ScriptedActor a, Identity id, String[] partner, long t) {
        a.add(s.f.ss7(t, id.msisdn(), "updateLocation", partner[1] + "609001234", "447700900001", id.imsi()));
        a.add(s.f.diameter(t + SEC, id.msisdn(), "ULR", "mme1." + partner[2], partner[2], id.imsi()));
    }

    /**
     * A record on a random subscriber that this scenario does not own: no IMEI, so it cannot collide
     * with whatever handset story another scenario tells about that line.
     */
    Device touch(Identity id) {
        return new Device(id.imsi(), null, id.anyHomeCell(s.rnd));
    }

    private Device device(Identity id) {
        return new Device(id.imsi(), id.imei(), id.anyHomeCell(s.rnd));
    }
}
