package io.ringfence.simulator;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;

import java.util.ArrayList;
import java.util.List;

import static io.ringfence.simulator.Script.HOUR;
import static io.ringfence.simulator.Script.MIN;
import static io.ringfence.simulator.Script.SEC;

/**
 * The UNSEEN family: look-alikes and frauds that no rule was tuned on, drawn from what operators and the
 * fraud literature describe rather than from the rules' own thresholds. Every fraud typology appears with
 * shapes and parameter ranges other than the tuned family's (slower IRSF, smaller Wangiri and pumping
 * bursts, SIM boxes rotating SIMs between gateway modules, ...), beside honest traffic that resembles it
 * (heavy callers, telesales lines, call centres, people living near a border, shops re-issuing SIMs,
 * OTP bursts).
 *
 * <p>It is a measuring instrument: keep it out of scenario tests, and do not tune a rule on one of its
 * seeds and then report the same seed; that would make it a second tuned family.
 */
final class UnseenScenarios {
    /** Home cells whose coverage reaches the French partner (the demo network profile lists them). */
    static final String[] BORDER_LACS = {"234-15-1071-", "234-15-1072-"};
    static final String[] FRANCE = FraudScenarios.PARTNERS[0];
    private static final String[] TRUNKS = {"INTL-GW-1", "INTL-GW-2"};

    private final Script s;

    private UnseenScenarios(Script s) {
        this.s = s;
    }

    static void run(Script s, int n, List<OrdinaryActor> extra) {
        UnseenScenarios u = new UnseenScenarios(s);
        List<Runnable> kinds = List.of(u::wangiri, u::irsf, u::simboxRotating, u::pbxHacking, u::simSwap,
                u::smsPumping, u::roaming, u::subscription, u::simCloning, u::ss7, u::diameter, u::callForward,
                u::cliSpoofing,
                u::heavyCaller, u::telesalesLine, u::callCentre,
                () -> extra.add(u.borderDweller()), u::shopReissue, u::onlineReplacementNewPhone, u::otpBurst,
                u::familyAbroad,
                // Added after the first measurements: kept last, so that the kinds above draw what they drew.
                () -> extra.add(u.newLineCallingHome()));
        for (Runnable kind : kinds) {
            int count = n + s.rnd.nextInt(n / 2 + 1);
            for (int i = 0; i < count; i++) {
                kind.run();
            }
        }
    }

    // ---------------------------------------------------------------- frauds

    /** Wangiri from one number, smaller and slower bursts than the tuned family, ring 1-5 s. */
    void wangiri() {
        String caller = s.chance(0.6) ? s.numbers.highCost() : s.numbers.ordinaryForeign();
        ScriptedActor a = s.actor();
        long t0 = s.at(7, 22);
        int victims = s.between(10, 40);
        long span = s.between(10, 30) * MIN;
        String first = null;
        long last = t0;
        for (int i = 0; i < victims; i++) {
            Identity id = s.base.get(s.rnd.nextInt(s.base.size())).identity();
            first = first == null ? id.msisdn() : first;
            long t = t0 + (long) (span * (i / (double) victims)) + s.rnd.nextInt(20_000);
            last = Math.max(last, t);
            a.add(s.f.voice(t, id.msisdn(), Direction.MT, caller, id.msisdn(), touch(id), Roaming.HOME,
                    s.pick(TRUNKS), null, false, s.between(1.0, 5.0), 0));
            if (s.chance(s.between(0.02, 0.15))) {
                long cb = t + s.between(2, 90) * MIN;
                double dur = s.between(20.0, 600.0);
                a.add(s.f.voice(cb, id.msisdn(), Direction.MO, id.msisdn(), caller, touch(id), Roaming.HOME, null,
                        null, true, 5, dur));
                last = Math.max(last, cb);
            }
        }
        s.fraud("WANGIRI", "NUMBER", caller, first, t0, last);
    }

    /** Slower IRSF: fewer calls over longer periods, often at night, a test call first only sometimes. */
    void irsf() {
        Identity id = s.victim().identity();
        ScriptedActor a = s.actor();
        long t0 = s.chance(0.4) ? s.at(0, 5) : s.at(8, 20);
        long t = t0;
        if (s.chance(0.3)) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.pick(FraudScenarios.TEST_NUMBERS), device(id),
                    Roaming.HOME, null, null, s.chance(0.5), 4, s.between(5.0, 30.0)));
            t += s.between(3, 40) * MIN;
        }
        String[] destinations = new String[s.between(1, 3)];
        for (int i = 0; i < destinations.length; i++) {
            destinations[i] = s.numbers.highCost();
        }
        int calls = s.between(6, 20);
        long span = s.between(90, 300) * MIN;
        long last = t;
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls)) + s.rnd.nextInt(120_000);
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), s.pick(destinations), device(id),
                    Roaming.HOME, null, null, true, 5, s.between(2.0, 20.0) * 60));
            last = Math.max(last, ct);
        }
        s.fraud("IRSF", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    /**
     * A SIM box that rotates its SIMs between gateway modules (each module an IMEI of a gateway model)
     * every 20-90 minutes to dodge IMEI-based detection; slower calling than the tuned family; half the
     * boxes get an unanswered inbound call now and then ("humanising").
     */
    void simboxRotating() {
        int sims = s.between(6, 16);
        String tac = s.pick(Numbers.GATEWAY_TACS);
        String[] modules = new String[s.between(2, 6)];
        for (int i = 0; i < modules.length; i++) {
            modules[i] = s.numbers.imei(tac);
        }
        String[] cells = s.chance(0.8) ? new String[]{s.numbers.homeCell()}
                : new String[]{s.numbers.homeCell(), s.numbers.homeCell()};
        boolean humanised = s.chance(0.5);
        long from = s.at(4, 14);
        long to = Math.min(s.end - 1, from + s.between(4, 12) * HOUR);
        for (int i = 0; i < sims; i++) {
            Identity id = s.newLine();
            ScriptedActor a = s.actor();
            double perHour = s.between(12.0, 35.0);
            long t = from + s.rnd.nextInt(20 * 60_000);
            int module = s.rnd.nextInt(modules.length);
            long nextRotation = t + s.between(20, 90) * MIN;
            long nextInbound = t + s.between(60, 180) * MIN;
            while (t < to) {
                if (t > nextRotation) {
                    module = (module + 1) % modules.length;
                    nextRotation = t + s.between(20, 90) * MIN;
                }
                Device dev = new Device(id.imsi(), modules[module], s.pick(cells));
                double dur = s.between(30.0, 240.0);
                a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticMobile(), dev,
                        Roaming.HOME, null, null, s.chance(s.between(0.55, 0.8)), s.between(3.0, 15.0), dur));
                if (humanised && t > nextInbound) {
                    a.add(s.f.voice(t + (long) (dur * 1000) + 3 * SEC, id.msisdn(), Direction.MT,
                            s.numbers.domesticMobile(), id.msisdn(), dev, Roaming.HOME, null, null, false, 15, 0));
                    nextInbound = t + s.between(60, 180) * MIN;
                }
                t += (long) (-Math.log(1 - s.rnd.nextDouble()) / perHour * HOUR) + (long) (dur * 1000) + 5 * SEC;
            }
            s.fraud("SIMBOX", "SUBSCRIBER", id.msisdn(), id.msisdn(), from, to);
        }
    }

    /** A slower brute force (a few guesses a minute over fewer extensions), then calls at night. */
    void pbxHacking() {
        String pbx = "firm" + s.numbers.digits(3);
        String trunk = "PBX-" + pbx.toUpperCase();
        String owner = "+4420" + s.numbers.digits(8);
        String attacker = s.numbers.ip();
        ScriptedActor a = s.actor();
        long t0 = s.at(0, 20);
        int failures = s.between(20, 80);
        int extensions = s.between(3, 20);
        long span = s.between(8, 25) * MIN;
        String ua = s.pick(new String[]{"sipcli/v1.8", "pplsip", "Z 5.4.12", "Grandstream GXP2160", "eyeBeam"});
        for (int i = 0; i < failures; i++) {
            long t = t0 + (long) (span * (i / (double) failures));
            String ext = "sip:" + (1000 + s.rnd.nextInt(extensions)) + "@" + pbx + ".example";
            a.add(s.f.sip(t, owner, "REGISTER", s.chance(0.7) ? 401 : 403, attacker, ua, ext, ext, trunk));
        }
        long ok = t0 + span + s.between(10, 300) * SEC;
        String ext = "sip:" + (1000 + s.rnd.nextInt(extensions)) + "@" + pbx + ".example";
        a.add(s.f.sip(ok, owner, "REGISTER", 200, attacker, ua, ext, ext, trunk));
        long t = ok + s.between(10, 120) * MIN;
        int calls = s.between(3, 30);
        long last = ok;
        for (int i = 0; i < calls; i++) {
            String b = s.numbers.highCost();
            a.add(s.f.sip(t, owner, "INVITE", 200, attacker, ua, ext, "sip:" + b + "@" + pbx + ".example", trunk));
            a.add(s.f.voice(t + 3 * SEC, owner, Direction.MO, owner, b, Device.NONE, Roaming.HOME, trunk, null, true, 3,
                    s.between(2.0, 40.0) * 60));
            last = t;
            t += s.between(2, 15) * MIN;
        }
        s.fraud("PBX_HACKING", "IP", attacker, owner, t0, last);
    }

    /** Account takeover with a slower fraudster: the codes come 10-90 minutes after the new phone. */
    void simSwap() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(8, 20);
        v.stopAt(t0);
        a.add(s.f.data(t0 - s.between(10, 180) * MIN, id.msisdn(),
                new Device(id.imsi(), id.imei(), id.homeCells().get(0)), Roaming.HOME, 4_000, 60_000));
        String channel = s.chance(0.5) ? "ONLINE" : "CALL_CENTER";
        String newImsi = "23415" + s.numbers.digits(10);
        a.add(s.f.simSwap(t0, id.msisdn(), id.imsi(), newImsi, channel,
                channel.equals("CALL_CENTER") ? "agent" + s.between(100, 400) : null));
        Device fraudDevice = new Device(newImsi, s.numbers.phoneImei(), s.numbers.homeCell());
        long t = t0 + s.between(5, 60) * MIN;
        a.add(s.f.data(t, id.msisdn(), fraudDevice, Roaming.HOME, 10_000, 200_000));
        t += s.between(5, 60) * MIN;
        int otps = s.between(2, 5);
        long last = t;
        for (int i = 0; i < otps; i++) {
            a.add(s.f.sms(t, id.msisdn(), Direction.MT, "+447860" + s.numbers.digits(6), id.msisdn(), fraudDevice,
                    Roaming.HOME, s.pick(Numbers.BANK_SENDERS)));
            last = t;
            t += s.between(2, 30) * MIN;
        }
        if (s.chance(0.3)) {
            long cf = t0 + s.between(10, 120) * MIN;
            a.add(s.f.callForward(cf, id.msisdn(), s.numbers.domesticMobile(), "UNCONDITIONAL", true));
            last = Math.max(last, cf);
        }
        s.fraud("SIM_SWAP", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    /** Smaller pumping bursts than the tuned family, partly sequential, into one range. */
    void smsPumping() {
        String sender = s.pick(new String[]{"SECURE", "MYCODE", "APPVERIFY", "2FA", "LOGIN"}) + s.between(100, 999);
        String account = "+447860" + s.numbers.digits(6);
        ScriptedActor a = s.actor();
        LookalikeScenarios.a2pBaseline(s, a, sender, account);
        String prefix = s.chance(0.5) ? s.pick(Numbers.HIGH_COST_PREFIXES)
                : s.pick(new String[]{"9197", "2347", "6285", "8615", "2547", "9230"});
        String range = prefix + s.numbers.digits(Math.max(1, 6 - prefix.length()));
        long firstNumber = Long.parseLong(range + s.numbers.digits(5));
        int messages = s.between(80, 600);
        long t0 = s.at(0, 22);
        long span = s.between(10, 40) * MIN;
        long last = t0;
        for (int i = 0; i < messages; i++) {
            long t = t0 + (long) (span * (i / (double) messages)) + s.rnd.nextInt(3000);
            long number = s.chance(0.5) ? firstNumber + i : firstNumber + s.rnd.nextInt(messages * 5);
            a.add(s.f.sms(t, account, Direction.MO, account, "+" + number, Device.NONE, Roaming.HOME, sender));
            last = Math.max(last, t);
        }
        s.fraud("SMS_PUMPING", "SENDER", sender, account, t0, last);
    }

    /** Roaming fraud at a slower pace with cheaper tariffs, to high-cost and the visited country's premium numbers. */
    void roaming() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        String[] partner = s.pick(FraudScenarios.PARTNERS);
        long t0 = s.at(1, 16);
        arrive(a, id, partner, t0);
        Device dev = new Device(id.imsi(), id.imei(), s.numbers.visitedCell(partner[0]));
        Roaming abroad = new Roaming(true, partner[0]);
        int calls = s.between(4, 20);
        long span = s.between(120, 360) * MIN;
        long t = t0 + s.between(20, 120) * MIN;
        long last = t;
        double rate = s.between(1.0, 4.0);
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls));
            String b = partner[0].equals("208-01") && s.chance(0.4) ? s.numbers.frenchPremium() : s.numbers.highCost();
            double minutes = s.between(10.0, 45.0);
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), b, dev, abroad, null,
                    Math.round(minutes * rate * 100) / 100.0, true, 4, minutes * 60));
            last = ct;
        }
        s.fraud("ROAMING_FRAUD", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    /** A new line that waits a few hours, then calls abroad at a lower rate than the tuned family, with some data. */
    void subscription() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        long t0 = s.at(0.5, 8);
        a.add(s.f.subscription(t0, id.msisdn(), s.chance(0.7) ? "PREPAID" : "POSTPAID", "C" + s.numbers.digits(8),
                s.pick(new String[]{"ONLINE", "RETAIL", "CALL_CENTER"}), s.numbers.digits(12)));
        long t = t0 + s.between(60, 600) * MIN;
        int calls = s.between(8, 40);
        long span = s.between(3, 12) * HOUR;
        long last = t;
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls)) + s.rnd.nextInt(120_000);
            if (ct >= s.end) {
                break;
            }
            String b = s.chance(0.4) ? s.numbers.highCost() : s.numbers.ordinaryForeign();
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), b, device(id), Roaming.HOME, null, null, true, 4,
                    s.between(2.0, 15.0) * 60));
            last = ct;
            if (s.chance(0.3)) {
                a.add(s.f.data(ct + 2 * MIN, id.msisdn(), device(id), Roaming.HOME, 5000, 100_000));
            }
        }
        s.fraud("SUBSCRIPTION_FRAUD", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    /** A clone making a few calls and messages elsewhere while the owner's phone goes on as usual. */
    void simCloning() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(8, 19);
        long until = t0 + s.between(30, 180) * MIN;
        Device clone = new Device(id.imsi(), s.numbers.phoneImei(), s.numbers.homeCell());
        for (long t = t0; t < until; t += s.between(10, 40) * MIN) {
            a.add(s.f.data(t, id.msisdn(), device(id), Roaming.HOME, 8_000, 150_000));
        }
        int records = s.between(3, 12);
        long last = t0;
        for (int i = 0; i < records; i++) {
            long ct = s.between(t0, until);
            if (s.chance(0.3)) {
                a.add(s.f.sms(ct, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticMobile(), clone, Roaming.HOME, null));
            } else {
                String b = s.chance(0.6) ? s.numbers.domesticNumber() : s.numbers.ordinaryForeign();
                a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), b, clone, Roaming.HOME, null, null, true, 6,
                        s.between(1.0, 12.0) * 60));
            }
            last = Math.max(last, ct);
        }
        s.fraud("SIM_CLONING", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    /** Slower, smaller SS7 attacks; a quarter are a partner GT's update for a line active at home 2-30 min earlier. */
    void ss7() {
        ScriptedActor a = s.actor();
        long t0 = s.at(7, 21);
        double kind = s.rnd.nextDouble();
        String gt;
        long last = t0;
        if (kind < 0.75) {
            gt = s.numbers.foreignGt(s.pick(FraudScenarios.FOREIGN_GT_PREFIXES));
            String[] ops;
            int victims;
            long span;
            if (kind < 0.35) {
                ops = new String[]{"anyTimeInterrogation", "provideSubscriberInfo", "sendIMSI"};
                victims = s.between(1, 4);
                span = s.between(1, 120) * MIN;
            } else if (kind < 0.55) {
                ops = new String[]{"sendRoutingInfo", "sendRoutingInfoForSM"};
                victims = s.between(6, 30);
                span = s.between(15, 55) * MIN;
            } else {
                ops = new String[]{"updateLocation", "insertSubscriberData", "registerSS"};
                victims = s.between(1, 3);
                span = s.between(1, 60) * MIN;
            }
            for (int i = 0; i < victims; i++) {
                Identity v = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                long t = t0 + (long) (span * (i / (double) victims));
                a.add(s.f.ss7(t, v.msisdn(), s.pick(ops), gt, "447700900001", v.imsi()));
                last = t;
            }
        } else {
            String[] partner = s.pick(FraudScenarios.PARTNERS);
            gt = s.numbers.foreignGt(partner[1]);
            int victims = s.between(1, 2);
            for (int i = 0; i < victims; i++) {
                Identity v = s.victim().identity();
                long t = t0 + i * s.between(5, 40) * MIN;
                a.add(s.f.data(t - s.between(2, 30) * MIN, v.msisdn(), device(v), Roaming.HOME, 5000, 90_000));
                a.add(s.f.ss7(t, v.msisdn(), s.pick(new String[]{"updateLocation", "insertSubscriberData"}), gt,
                        "447700900001", v.imsi()));
                last = t;
            }
        }
        s.fraud("SS7_ATTACK", "GT", gt, null, t0, last);
    }

    /** Diameter attacks: fewer victims further apart; 40% a partner realm's request for a line active at home. */
    void diameter() {
        ScriptedActor a = s.actor();
        long t0 = s.at(7, 21);
        String host;
        long last = t0;
        if (s.chance(0.6)) {
            String realm = "epc.mnc0" + s.between(10, 99) + ".mcc" + s.pick(new String[]{"420", "432", "604", "510", "525"})
                    + ".3gppnetwork.org";
            host = "hss" + s.between(1, 9) + "." + realm;
            int victims = s.between(1, 6);
            for (int i = 0; i < victims; i++) {
                Identity v = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                long t = t0 + i * s.between(60, 1200) * SEC;
                a.add(s.f.diameter(t, v.msisdn(), s.pick(new String[]{"ULR", "AIR", "IDR", "CLR", "PUR", "NOR"}), host,
                        realm, v.imsi()));
                last = t;
            }
        } else {
            String realm = s.pick(FraudScenarios.PARTNERS)[2];
            host = "mme-" + s.numbers.digits(3) + "." + realm;
            int victims = s.between(1, 2);
            for (int i = 0; i < victims; i++) {
                Identity v = s.victim().identity();
                long t = t0 + i * s.between(5, 40) * MIN;
                a.add(s.f.data(t - s.between(2, 30) * MIN, v.msisdn(), device(v), Roaming.HOME, 5000, 90_000));
                a.add(s.f.diameter(t, v.msisdn(), s.pick(new String[]{"ULR", "AIR"}), host, realm, v.imsi()));
                last = t;
            }
        }
        s.fraud("DIAMETER_ATTACK", "GT", host, null, t0, last);
    }

    /** Conditional forwarding (busy, no reply, unreachable) as often as unconditional, and fewer, sparser legs. */
    void callForward() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t0 = s.at(0, 20);
        String target = s.numbers.highCost();
        a.add(s.f.callForward(t0, id.msisdn(), target,
                s.chance(0.5) ? "UNCONDITIONAL" : s.pick(new String[]{"BUSY", "NO_REPLY", "NOT_REACHABLE"}), true));
        int legs = s.between(3, 15);
        long t = t0 + s.between(5, 60) * MIN;
        long last = t0;
        for (int i = 0; i < legs; i++) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MT, s.numbers.domesticNumber(), id.msisdn(), touch(id), Roaming.HOME,
                    null, null, false, 0, 0));
            a.add(s.f.voice(t + SEC, id.msisdn(), Direction.MO, id.msisdn(), target, device(id), Roaming.HOME, null, null,
                    true, 1, s.between(5.0, 45.0) * 60));
            last = t;
            t += s.between(5, 40) * MIN;
        }
        s.fraud("CALL_FORWARD_FRAUD", "SUBSCRIBER", id.msisdn(), id.msisdn(), t0, last);
    }

    /** Spoofed home callers whose owners were active at home up to two hours before. */
    void cliSpoofing() {
        ScriptedActor a = s.actor();
        long t0 = s.at(8, 21);
        int presented = s.between(1, 3);
        for (int p = 0; p < presented; p++) {
            Identity owner = s.victim().identity();
            a.add(s.f.data(t0 - s.between(10, 120) * MIN, owner.msisdn(), device(owner), Roaming.HOME, 3000, 40_000));
            int calls = s.between(2, 12);
            long t = t0 + s.between(0, 20) * MIN;
            long first = t;
            for (int i = 0; i < calls; i++) {
                Identity called = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                a.add(s.f.voice(t, called.msisdn(), Direction.MT, owner.msisdn(), called.msisdn(), touch(called),
                        Roaming.HOME, s.pick(TRUNKS), null, s.chance(0.4), 8, s.between(10.0, 120.0)));
                t += s.between(2, 20) * MIN;
            }
            s.fraud("CLI_SPOOFING", "NUMBER", owner.msisdn(), owner.msisdn(), first, t);
        }
    }

    // ---------------------------------------------------------------- look-alikes

    /**
     * SIMBOX look-alike: an ordinary subscriber who spends a few hours of the day ringing round (a
     * tradesman, an estate agent): many short outbound calls to distinct domestic numbers from one or two
     * cells, a few calls back, and no SMS or data while the campaign lasts (phone used as a phone).
     * Before and after, the line lives an ordinary day.
     */
    void heavyCaller() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long from = s.at(8, 14);
        long to = Math.min(s.end - 1, from + s.between(2, 6) * HOUR);
        v.pause(from, to);
        String[] cells = s.chance(0.6) ? new String[]{id.homeCells().get(0)}
                : new String[]{id.homeCells().get(0), id.homeCells().get(1)};
        double perHour = s.between(15.0, 40.0);
        long t = from;
        long nextInbound = from + s.between(20, 120) * MIN;
        while (t < to) {
            Device dev = new Device(id.imsi(), id.imei(), s.pick(cells));
            double dur = Math.min(900, Math.exp(4.0 + s.rnd.nextGaussian() * 0.9));
            boolean answered = s.chance(s.between(0.6, 0.85));
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticNumber(), dev, Roaming.HOME,
                    null, null, answered, s.between(3.0, 25.0), dur));
            t += (answered ? (long) (dur * 1000) : 20 * SEC) + (long) (-Math.log(1 - s.rnd.nextDouble()) / perHour * HOUR);
            if (t > nextInbound && t < to) {
                double inDur = s.between(20.0, 900.0);
                boolean inAnswered = s.chance(0.75);
                a.add(s.f.voice(t, id.msisdn(), Direction.MT, s.numbers.domesticNumber(), id.msisdn(), dev, Roaming.HOME,
                        null, null, inAnswered, s.between(4.0, 20.0), inDur));
                t += inAnswered ? (long) (inDur * 1000) : 20 * SEC;
                nextInbound = t + s.between(40, 150) * MIN;
            }
        }
        s.lookalike("HEAVY_CALLER", id.msisdn(), from, to);
    }

    /**
     * SIMBOX look-alike: a telesales line in a desk phone (no data at all): a working day of outbound calls
     * to distinct numbers with breaks, a few callbacks, an appointment SMS now and then on half the lines.
     */
    void telesalesLine() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        String cell = s.numbers.homeCell();
        Device dev = new Device(id.imsi(), id.imei(), cell);
        long open = s.at(8, 10);
        long close = Math.min(s.end - 1, open + s.between(6, 9) * HOUR);
        double perHour = s.between(20.0, 45.0);
        boolean texts = s.chance(0.5);
        long t = open;
        long nextInbound = open + s.between(30, 120) * MIN;
        long nextSms = open + s.between(60, 240) * MIN;
        long nextBreak = open + s.between(90, 150) * MIN;
        while (t < close) {
            double dur = Math.min(600, Math.exp(3.5 + s.rnd.nextGaussian() * 0.8));
            boolean answered = s.chance(s.between(0.3, 0.6));
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticNumber(), dev, Roaming.HOME,
                    null, null, answered, s.between(5.0, 30.0), dur));
            t += (answered ? (long) (dur * 1000) : 25 * SEC) + (long) (-Math.log(1 - s.rnd.nextDouble()) / perHour * HOUR);
            if (t > nextInbound) {
                double inDur = s.between(30.0, 600.0);
                a.add(s.f.voice(t, id.msisdn(), Direction.MT, s.numbers.domesticNumber(), id.msisdn(), dev, Roaming.HOME,
                        null, null, true, s.between(3.0, 15.0), inDur));
                t += (long) (inDur * 1000);
                nextInbound = t + s.between(30, 120) * MIN;
            }
            if (texts && t > nextSms) {
                a.add(s.f.sms(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticMobile(), dev, Roaming.HOME, null));
                nextSms = t + s.between(60, 240) * MIN;
            }
            if (t > nextBreak) {
                t += s.between(15, 60) * MIN;
                nextBreak = t + s.between(90, 150) * MIN;
            }
        }
        s.lookalike("TELESALES", id.msisdn(), open, close);
    }

    /** SIMBOX look-alike: a call centre with few inbound calls (an outbound sales floor), data and rare SMS. */
    void callCentre() {
        int agents = s.between(4, 12);
        String cell = s.numbers.homeCell();
        long open = s.at(8, 10);
        long close = Math.min(s.end - 1, open + s.between(8, 12) * HOUR);
        for (int i = 0; i < agents; i++) {
            Identity id = s.newLine();
            ScriptedActor a = s.actor();
            Device dev = new Device(id.imsi(), id.imei(), cell);
            double perHour = s.between(25.0, 60.0);
            double inbound = s.between(0.06, 0.2);
            long t = open + s.rnd.nextInt(15 * 60_000);
            long nextData = t + s.between(10, 90) * MIN;
            long nextSms = t + s.between(60, 180) * MIN;
            while (t < close) {
                double dur = s.between(10.0, 180.0);
                boolean in = s.chance(inbound);
                boolean answered = in ? s.chance(0.9) : s.chance(0.5);
                a.add(in ? s.f.voice(t, id.msisdn(), Direction.MT, s.numbers.domesticNumber(), id.msisdn(), dev,
                                Roaming.HOME, null, null, answered, 5, dur)
                        : s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticNumber(), dev,
                                Roaming.HOME, null, null, answered, 10, dur));
                if (t > nextData) {
                    a.add(s.f.data(t + SEC, id.msisdn(), dev, Roaming.HOME, 20_000, 300_000));
                    nextData = t + s.between(20, 90) * MIN;
                }
                if (t > nextSms) {
                    a.add(s.f.sms(t + 2 * SEC, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticMobile(), dev,
                            Roaming.HOME, null));
                    nextSms = t + s.between(60, 180) * MIN;
                }
                t += (long) (-Math.log(1 - s.rnd.nextDouble()) / perHour * HOUR) + (long) ((answered ? dur : 20) * 1000);
            }
            s.lookalike("OUTBOUND_CALL_CENTRE", id.msisdn(), open, close);
        }
    }

    /**
     * SS7/DIAMETER look-alike: someone living on the coast facing the French partner, whose phone camps on
     * the partner's network a few times a day (inadvertent roaming, or crossing over for work): the
     * partner's location update over SS7 and Diameter 1-6 minutes after a record at home, roaming records
     * while there, then home again.
     */
    OrdinaryActor borderDweller() {
        Identity base = s.newLine();
        List<String> cells = new ArrayList<>();
        int n = s.between(2, 4);
        for (int i = 0; i < n; i++) {
            cells.add(s.pick(BORDER_LACS) + (10000 + s.rnd.nextInt(3000)));
        }
        Identity id = new Identity(base.msisdn(), base.imsi(), base.imei(), List.copyOf(cells));
        ScriptedActor a = s.actor();
        OrdinaryActor life = new OrdinaryActor(s.rnd.split(), s.f, s.numbers, id, s.start, s.end);
        int crossings = s.between(1, 4);
        long t = s.at(6, 10);
        long first = t;
        for (int c = 0; c < crossings && t < s.end - HOUR; c++) {
            Device home = new Device(id.imsi(), id.imei(), id.anyHomeCell(s.rnd));
            long update = t + s.between(60, 360) * SEC;
            a.add(s.f.data(t, id.msisdn(), home, Roaming.HOME, 3000, 60_000));
            a.add(s.f.ss7(update, id.msisdn(), "updateLocation", FRANCE[1] + "6090" + s.numbers.digits(5),
                    "447700900001", id.imsi()));
            a.add(s.f.diameter(update + SEC, id.msisdn(), "ULR", "mme" + s.between(1, 4) + "." + FRANCE[2], FRANCE[2],
                    id.imsi()));
            long back = update + s.between(15, 180) * MIN;
            life.pause(t + 1, back);
            Device abroad = new Device(id.imsi(), id.imei(), s.numbers.visitedCell(FRANCE[0]));
            Roaming roaming = new Roaming(true, FRANCE[0]);
            for (long r = update + s.between(1, 10) * MIN; r < back; r += s.between(5, 40) * MIN) {
                a.add(s.f.data(r, id.msisdn(), abroad, roaming, 5000, 200_000));
            }
            t = back + s.between(60, 300) * MIN;
        }
        s.lookalike("BORDER_DWELLER", id.msisdn(), first, s.end);
        return life;
    }

    /**
     * SIM_SWAP look-alike: a shop re-issuing SIMs (lost or broken phones) to several customers, each of
     * whom puts the new SIM in a new phone in the shop and logs back into the bank (codes by SMS).
     */
    void shopReissue() {
        String shopCell = s.numbers.homeCell();
        String shop = "shop" + s.between(300, 900);
        int customers = s.between(2, 5);
        long t = s.at(9, 17);
        for (int i = 0; i < customers; i++) {
            OrdinaryActor v = s.victim();
            Identity id = v.identity();
            ScriptedActor a = s.actor();
            String newImsi = "23415" + s.numbers.digits(10);
            a.add(s.f.simSwap(t, id.msisdn(), id.imsi(), newImsi, "RETAIL", shop));
            String newImei = s.numbers.phoneImei();
            // The old SIM stops working at the swap: from then on the line is the new SIM in the new phone.
            v.replaceHandsetAt(t, newImei);
            Device inShop = new Device(newImsi, newImei, shopCell);
            long u = t + s.between(2, 15) * MIN;
            a.add(s.f.data(u, id.msisdn(), inShop, Roaming.HOME, 20_000, 900_000));
            int otps = s.between(1, 3);
            for (int k = 0; k < otps; k++) {
                u += s.between(1, 10) * MIN;
                a.add(s.f.sms(u, id.msisdn(), Direction.MT, "+447860" + s.numbers.digits(6), id.msisdn(), inShop,
                        Roaming.HOME, s.pick(Numbers.BANK_SENDERS)));
            }
            s.lookalike("SHOP_REISSUE", id.msisdn(), t, u);
            t += s.between(10, 40) * MIN;
        }
    }

    /**
     * SIM_SWAP look-alike: the owner orders a replacement SIM online for a new phone, sets it up away from
     * home (at work, in a new cell) and logs back into the bank apps.
     */
    void onlineReplacementNewPhone() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t = s.at(8, 19);
        String newImsi = "23415" + s.numbers.digits(10);
        a.add(s.f.simSwap(t, id.msisdn(), id.imsi(), newImsi, "ONLINE", null));
        String newImei = s.numbers.phoneImei();
        long setup = t + s.between(5, 60) * MIN;
        // The old SIM stops working at the swap; the line is back on the new phone at its set-up.
        v.pause(t, setup);
        v.replaceHandsetAt(setup, newImei);
        boolean awayFromHome = s.chance(0.3);
        Device dev = new Device(newImsi, newImei, awayFromHome ? s.numbers.homeCell() : id.homeCells().get(0));
        a.add(s.f.data(setup, id.msisdn(), dev, Roaming.HOME, 50_000, 2_000_000));
        long u = setup;
        int otps = s.between(1, 4);
        for (int k = 0; k < otps; k++) {
            u += s.between(1, 15) * MIN;
            a.add(s.f.sms(u, id.msisdn(), Direction.MT, "+447860" + s.numbers.digits(6), id.msisdn(), dev, Roaming.HOME,
                    s.pick(Numbers.BANK_SENDERS)));
        }
        s.lookalike("ONLINE_REPLACEMENT_NEW_PHONE", id.msisdn(), t, u);
    }

    /**
     * SMS_PUMPING look-alike: a legitimate OTP burst (a sale, a login storm after an outage): hundreds of
     * domestic codes in minutes, and codes to users abroad spread over many countries and ranges.
     */
    void otpBurst() {
        String sender = s.pick(LookalikeScenarios.SENDERS) + s.between(10, 99);
        String account = "+447860" + s.numbers.digits(6);
        ScriptedActor a = s.actor();
        LookalikeScenarios.a2pBaseline(s, a, sender, account);
        long t0 = s.at(7, 21);
        long span = s.between(5, 30) * MIN;
        int domestic = s.between(300, 2000);
        for (int i = 0; i < domestic; i++) {
            a.add(s.f.sms(t0 + (long) (span * s.rnd.nextDouble()), account, Direction.MO, account, s.numbers.domesticMobile(),
                    Device.NONE, Roaming.HOME, sender));
        }
        int foreign = s.between(20, 150);
        for (int i = 0; i < foreign; i++) {
            a.add(s.f.sms(t0 + (long) (span * s.rnd.nextDouble()), account, Direction.MO, account,
                    s.numbers.ordinaryForeign(), Device.NONE, Roaming.HOME, sender));
        }
        s.lookalike("OTP_BURST", account, t0, t0 + span);
    }

    /** IRSF look-alike: a family calling relatives in a high-risk country, long calls spread through the day. */
    void familyAbroad() {
        Identity id = s.victim().identity();
        ScriptedActor a = s.actor();
        int calls = s.between(1, 3);
        String[] relatives = {s.numbers.highCost(), s.numbers.highCost()};
        long t = s.at(8, 16);
        long first = t;
        for (int i = 0; i < calls; i++) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.pick(relatives), touch(id), Roaming.HOME, null,
                    null, true, 7, s.between(5.0, 60.0) * 60));
            t += s.between(45, 240) * MIN;
        }
        s.lookalike("FAMILY_ABROAD_UNSEEN", id.msisdn(), first, t);
    }

    /**
     * SUBSCRIPTION_FRAUD look-alike: a new prepaid line bought to call family abroad (a student, a newly
     * arrived worker): within hours of activation, several long answered calls to one to three numbers in
     * one ordinary country, then ordinary use.
     */
    OrdinaryActor newLineCallingHome() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        long t0 = s.at(0.5, 14);
        a.add(s.f.subscription(t0, id.msisdn(), "PREPAID", "C" + s.numbers.digits(8),
                s.pick(new String[]{"RETAIL", "ONLINE"}), s.numbers.digits(12)));
        String first = s.numbers.ordinaryForeign();
        String country = first.substring(0, 4);
        String[] family = new String[s.between(1, 3)];
        family[0] = first;
        for (int i = 1; i < family.length; i++) {
            family[i] = country + first.substring(4, 6) + s.numbers.digits(first.length() - 6);
        }
        int calls = s.between(4, 10);
        long t = t0 + s.between(20, 180) * MIN;
        long span = s.between(2, 8) * HOUR;
        long last = t;
        for (int i = 0; i < calls; i++) {
            long ct = t + (long) (span * (i / (double) calls)) + s.rnd.nextInt(600_000);
            a.add(s.f.voice(ct, id.msisdn(), Direction.MO, id.msisdn(), s.pick(family), device(id), Roaming.HOME, null,
                    null, true, 6, s.between(10.0, 60.0) * 60));
            last = Math.max(last, ct);
        }
        s.lookalike("NEW_LINE_CALLING_HOME", id.msisdn(), t0, last);
        return new OrdinaryActor(s.rnd.split(), s.f, s.numbers, id, t0 + MIN, s.end);
    }

    // ---------------------------------------------------------------- helpers

    private void arrive(ScriptedActor a, Identity id, String[] partner, long t) {
        a.add(s.f.ss7(t, id.msisdn(), "updateLocation", partner[1] + "609005678", "447700900001", id.imsi()));
        a.add(s.f.diameter(t + SEC, id.msisdn(), "ULR", "mme2." + partner[2], partner[2], id.imsi()));
    }

    private Device touch(Identity id) {
        return new Device(id.imsi(), null, id.anyHomeCell(s.rnd));
    }

    private Device device(Identity id) {
        return new Device(id.imsi(), id.imei(), id.anyHomeCell(s.rnd));
    }
}
