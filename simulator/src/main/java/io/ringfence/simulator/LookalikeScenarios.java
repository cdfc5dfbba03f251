package io.ringfence.simulator;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;

import static io.ringfence.simulator.Script.HOUR;
import static io.ringfence.simulator.Script.MIN;
import static io.ringfence.simulator.Script.SEC;

/**
 * Honest traffic that resembles a fraud: what an FMS tuned on fraud alone would alert on. Each is
 * labelled so a replay can show that none of it raised an alert.
 */
final class LookalikeScenarios {
    static final String[] SENDERS = {"MYBANK", "PAYFAST", "SHOPX", "RIDEAPP", "DELIVERY", "HEALTHNHS", "TAXGOV", "GAMEZ"};

    private final Script s;
    private final FraudScenarios frauds;

    LookalikeScenarios(Script s, FraudScenarios frauds) {
        this.s = s;
        this.frauds = frauds;
    }

    /** WANGIRI look-alike: a relative abroad ringing one subscriber again and again. */
    void foreignRelative() {
        Identity id = s.victim().identity();
        ScriptedActor a = s.actor();
        String relative = s.numbers.ordinaryForeign();
        long t = s.at(6, 21);
        int tries = s.between(3, 8);
        long first = t;
        for (int i = 0; i < tries; i++) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MT, relative, id.msisdn(), frauds.touch(id), Roaming.HOME,
                    "INTL-GW-1", null, i == tries - 1, s.between(2.0, 25.0), s.between(60.0, 900.0)));
            t += s.between(2, 25) * MIN;
        }
        s.lookalike("FOREIGN_RELATIVE", id.msisdn(), first, t);
    }

    /** IRSF look-alike: a family calling home to a country on the high-risk list, long calls, once or twice. */
    void familyAbroad() {
        Identity id = s.victim().identity();
        ScriptedActor a = s.actor();
        String home = s.numbers.highCost();
        int calls = s.between(1, 3);
        long t = s.at(7, 14);
        long first = t;
        for (int i = 0; i < calls; i++) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), home, frauds.touch(id), Roaming.HOME, null, null,
                    true, 6, s.between(10.0, 40.0) * 60));
            t += s.between(2, 4) * HOUR;
        }
        s.lookalike("FAMILY_ABROAD", id.msisdn(), first, t);
    }

    /** IRSF look-alike: a business line with many ordinary international calls. */
    void businessInternational() {
        Identity id = s.victim().identity();
        ScriptedActor a = s.actor();
        int calls = s.between(6, 20);
        long t = s.at(8, 10);
        long first = t;
        for (int i = 0; i < calls; i++) {
            a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.ordinaryForeign(), frauds.touch(id),
                    Roaming.HOME, null, null, true, 5, s.between(2.0, 30.0) * 60));
            t += s.between(10, 50) * MIN;
        }
        s.lookalike("BUSINESS_INTERNATIONAL", id.msisdn(), first, t);
    }

    /** SIMBOX look-alike: call-centre agents' lines, many short outbound calls from one building. */
    void callCentre() {
        int agents = s.between(3, 8);
        String cell = s.numbers.homeCell();
        long open = s.at(7, 9);
        long close = open + s.between(8, 11) * HOUR;
        for (int i = 0; i < agents; i++) {
            Identity id = s.newLine();
            ScriptedActor a = s.actor();
            Device dev = new Device(id.imsi(), id.imei(), cell);
            double perHour = s.between(20.0, 50.0);
            double inbound = s.between(0.15, 0.4);
            long t = open;
            long nextData = open + s.between(1, 30) * MIN;
            long nextSms = open + s.between(5, 60) * MIN;
            while (t < close) {
                double dur = s.between(15.0, 240.0);
                if (s.chance(inbound)) {
                    a.add(s.f.voice(t, id.msisdn(), Direction.MT, s.numbers.domesticNumber(), id.msisdn(), dev,
                            Roaming.HOME, null, null, s.chance(0.9), 4, dur));
                } else {
                    a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticNumber(), dev,
                            Roaming.HOME, null, null, s.chance(0.6), 8, dur));
                }
                if (t > nextData) {
                    a.add(s.f.data(t + SEC, id.msisdn(), dev, Roaming.HOME, 40_000, 800_000));
                    nextData = t + s.between(10, 40) * MIN;
                }
                if (t > nextSms) {
                    a.add(s.f.sms(t + 2 * SEC, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.domesticMobile(), dev,
                            Roaming.HOME, null));
                    nextSms = t + s.between(10, 60) * MIN;
                }
                t += (long) (-Math.log(1 - s.rnd.nextDouble()) / perHour * HOUR) + (long) (dur * 1000);
            }
            s.lookalike("CALL_CENTRE", id.msisdn(), open, close);
        }
    }

    /** PBX_HACKING look-alike: an enterprise PBX re-registering its extensions with digest auth, and its calls. */
    void enterprisePbx() {
        String pbx = "corp" + s.numbers.digits(3);
        String trunk = "PBX-" + pbx.toUpperCase();
        String owner = "+4420" + s.numbers.digits(8);
        String ip = s.numbers.ip();
        ScriptedActor a = s.actor();
        int extensions = s.between(10, 40);
        long every = s.between(30, 60) * MIN;
        for (int e = 0; e < extensions; e++) {
            String uri = "sip:" + (200 + e) + "@" + pbx + ".example";
            for (long t = s.start + s.rnd.nextInt((int) every); t < s.end; t += every) {
                a.add(s.f.sip(t, owner, "REGISTER", 401, ip, "Asterisk PBX 18", uri, uri, trunk));
                a.add(s.f.sip(t + 200, owner, "REGISTER", 200, ip, "Asterisk PBX 18", uri, uri, trunk));
            }
        }
        int calls = s.between(10, 60);
        for (int i = 0; i < calls; i++) {
            long t = s.at(8, 18);
            String b = i == 0 && s.chance(0.5) ? s.numbers.highCost()
                    : s.chance(0.3) ? s.numbers.ordinaryForeign() : s.numbers.domesticNumber();
            String uri = "sip:" + (200 + s.rnd.nextInt(extensions)) + "@" + pbx + ".example";
            a.add(s.f.sip(t, owner, "INVITE", 200, ip, "Asterisk PBX 18", uri, "sip:" + b + "@" + pbx + ".example", trunk));
            a.add(s.f.voice(t + 2 * SEC, owner, Direction.MO, owner, b, Device.NONE, Roaming.HOME, trunk, null, true, 3,
                    s.between(1.0, 25.0) * 60));
        }
        s.lookalike("ENTERPRISE_PBX", owner, s.start, s.end);
    }

    /** A SIP scanner that never gets in: noise at every SBC; nothing was compromised, so no fraud alert. */
    void sipScanner() {
        ScriptedActor a = s.actor();
        String ip = s.numbers.ip();
        String owner = "+4420" + s.numbers.digits(8);
        long t = s.at(0, 23);
        int tries = s.between(50, 400);
        for (int i = 0; i < tries; i++) {
            String uri = "sip:" + (100 + s.rnd.nextInt(900)) + "@scan.example";
            a.add(s.f.sip(t + i * 500L, owner, "REGISTER", s.chance(0.5) ? 401 : 403, ip, "friendly-scanner", uri, uri, null));
        }
        s.lookalike("SIP_SCANNER_NO_SUCCESS", owner, t, t + tries * 500L);
    }

    /** SIM_SWAP look-alike: a swap (in a shop, or online by the owner) followed by ordinary use. */
    void honestSimSwap() {
        OrdinaryActor v = s.victim();
        Identity id = v.identity();
        ScriptedActor a = s.actor();
        long t = s.at(9, 19);
        String channel = s.chance(0.6) ? "RETAIL" : "ONLINE";
        a.add(s.f.simSwap(t, id.msisdn(), id.imsi(), "23415" + s.numbers.digits(10), channel,
                channel.equals("RETAIL") ? "shop" + s.between(1, 300) : null));
        if (s.chance(0.5)) {
            v.replaceHandsetAt(t + s.between(1, 30) * MIN, s.numbers.phoneImei());
        }
        s.lookalike("HONEST_SIM_SWAP_" + channel, id.msisdn(), t, t + 6 * HOUR);
    }

    /** SIM_CLONING look-alike: a phone replaced during the day. */
    void phoneReplaced() {
        OrdinaryActor v = s.victim();
        long t = s.at(8, 20);
        v.replaceHandsetAt(t, s.numbers.phoneImei());
        s.lookalike("PHONE_REPLACED", v.identity().msisdn(), t, s.end);
    }

    /** CALL_FORWARD_FRAUD look-alike: forwarding to a domestic number, voicemail or a traveller's own foreign line. */
    void honestForwarding() {
        Identity id = s.victim().identity();
        ScriptedActor a = s.actor();
        long t = s.at(6, 20);
        double k = s.rnd.nextDouble();
        String target = k < 0.5 ? s.numbers.domesticMobile() : k < 0.8 ? "+447700900555" : s.numbers.ordinaryForeign();
        a.add(s.f.callForward(t, id.msisdn(), target, s.pick(new String[]{"UNCONDITIONAL", "BUSY", "NO_REPLY", "NOT_REACHABLE"}), true));
        int legs = s.between(0, 5);
        for (int i = 0; i < legs; i++) {
            long lt = t + s.between(10, 300) * MIN;
            a.add(s.f.voice(lt, id.msisdn(), Direction.MO, id.msisdn(), target, frauds.touch(id), Roaming.HOME, null, null,
                    true, 1, s.between(1.0, 10.0) * 60));
        }
        a.add(s.f.callForward(t + s.between(1, 3) * HOUR, id.msisdn(), target, "UNCONDITIONAL", false));
        s.lookalike("HONEST_FORWARDING", id.msisdn(), t, t + 5 * HOUR);
    }

    /** SUBSCRIPTION_FRAUD look-alike: a new line used the way people use phones. */
    OrdinaryActor newSubscriber() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        long t = s.at(0.5, 16);
        a.add(s.f.subscription(t, id.msisdn(), s.chance(0.5) ? "POSTPAID" : "PREPAID", "C" + s.numbers.digits(8),
                s.pick(new String[]{"ONLINE", "RETAIL", "CALL_CENTER"}), s.numbers.digits(12)));
        int calls = s.between(0, 3);
        for (int i = 0; i < calls; i++) {
            a.add(s.f.voice(t + s.between(30, 400) * MIN, id.msisdn(), Direction.MO, id.msisdn(), s.numbers.ordinaryForeign(),
                    new Device(id.imsi(), id.imei(), id.anyHomeCell(s.rnd)), Roaming.HOME, null, null, true, 4,
                    s.between(5.0, 40.0) * 60));
        }
        s.lookalike("NEW_SUBSCRIBER", id.msisdn(), t, s.end);
        return new OrdinaryActor(s.rnd.split(), s.f, s.numbers, id, t + MIN, s.end);
    }

    /**
     * Look-alike of ROAMING_FRAUD, CLI_SPOOFING, SS7_ATTACK and DIAMETER_ATTACK: a traveller flies to a
     * partner network, the partner updates the location, and the traveller calls home and locally.
     */
    void traveller() {
        Identity id = s.newLine();
        ScriptedActor a = s.actor();
        String[] partner = s.pick(FraudScenarios.PARTNERS);
        long departure = s.at(5, 15);
        Device home = new Device(id.imsi(), id.imei(), id.anyHomeCell(s.rnd));
        for (long t = s.start + s.between(20, 120) * MIN; t < departure; t += s.between(20, 120) * MIN) {
            a.add(s.f.data(t, id.msisdn(), home, Roaming.HOME, 10_000, 300_000));
        }
        long arrival = departure + s.between(90, 180) * MIN;
        frauds.arrive(a, id, partner, arrival);
        Device abroad = new Device(id.imsi(), id.imei(), s.numbers.visitedCell(partner[0]));
        Roaming roaming = new Roaming(true, partner[0]);
        a.add(s.f.data(arrival + 30 * SEC, id.msisdn(), abroad, roaming, 20_000, 500_000));
        for (long t = arrival + s.between(10, 60) * MIN; t < s.end; t += s.between(20, 90) * MIN) {
            double k = s.rnd.nextDouble();
            if (k < 0.5) {
                a.add(s.f.data(t, id.msisdn(), abroad, roaming, 10_000, 800_000));
            } else if (k < 0.85) {
                Identity called = s.base.get(s.rnd.nextInt(s.base.size())).identity();
                double dur = s.between(60.0, 1200.0);
                a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), called.msisdn(), abroad, roaming, null,
                        Math.round(dur / 60 * 0.3 * 100) / 100.0, true, 5, dur));
                a.add(s.f.voice(t + 2 * SEC, called.msisdn(), Direction.MT, id.msisdn(), called.msisdn(), frauds.touch(called),
                        Roaming.HOME, "INTL-GW-1", null, true, 5, dur));
            } else {
                double dur = s.between(30.0, 300.0);
                String local = "+" + partner[1] + s.numbers.digits(9);
                a.add(s.f.voice(t, id.msisdn(), Direction.MO, id.msisdn(), local, abroad, roaming, null,
                        Math.round(dur / 60 * 0.5 * 100) / 100.0, true, 5, dur));
            }
        }
        s.lookalike("TRAVELLER", id.msisdn(), arrival, s.end);
    }

    /** SS7 look-alike: foreign SMSCs asking where to deliver single messages. */
    void foreignSmsc() {
        ScriptedActor a = s.actor();
        String gt = s.numbers.foreignGt(s.pick(FraudScenarios.FOREIGN_GT_PREFIXES));
        int queries = s.between(1, 3);
        long t = s.at(0, 23);
        for (int i = 0; i < queries; i++) {
            Identity v = s.base.get(s.rnd.nextInt(s.base.size())).identity();
            a.add(s.f.ss7(t + i * s.between(1, 40) * MIN, v.msisdn(), "sendRoutingInfoForSM", gt, "447700900001", null));
        }
        s.lookalike("FOREIGN_SMSC", null, t, t + 2 * HOUR);
    }

    /** SMS_PUMPING look-alike: an A2P sender's ordinary day of one-time codes, mostly domestic. */
    void a2pSender() {
        String sender = s.pick(SENDERS) + s.between(1, 9);
        String account = "+447860" + s.numbers.digits(6);
        ScriptedActor a = s.actor();
        a2pBaseline(s, a, sender, account);
        s.lookalike("A2P_SENDER", account, s.start, s.end);
    }

    /** Domestic codes all day and a few to many different countries, like any app with users abroad. */
    static void a2pBaseline(Script s, ScriptedActor a, String sender, String account) {
        int domestic = s.between(200, 1200);
        for (int i = 0; i < domestic; i++) {
            long t = s.between(s.start, s.end - 1);
            a.add(s.f.sms(t, account, Direction.MO, account, s.numbers.domesticMobile(), Device.NONE, Roaming.HOME, sender));
        }
        int foreign = s.between(10, 60);
        for (int i = 0; i < foreign; i++) {
            long t = s.between(s.start, s.end - 1);
            String b = s.chance(0.15) ? s.numbers.highCost() : s.numbers.ordinaryForeign();
            a.add(s.f.sms(t, account, Direction.MO, account, b, Device.NONE, Roaming.HOME, sender));
        }
    }
}
