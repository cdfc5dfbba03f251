package io.ringfence.generative;

import io.ringfence.generative.Net.Phone;

/**
 * Frauds of every typology, with sizes and speeds drawn wide (some below the rules' thresholds, some
 * far above), so each rule fires, nearly fires and re-fires among the look-alikes.
 */
final class Frauds {
    private Frauds() {
    }

    /** A compromised line: a call to a test number, then answered calls to high-cost ranges. */
    static final class Irsf implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String cell = net.homeCell();
            long t = net.time(day.start, day.end);
            if (net.chance(0.5)) {
                day.voice(t, p, true, Net.IRSF_TEST_NUMBER, cell, true, 3.0, 20);
            }
            for (int n = net.between(1, 15); n > 0; n--) {
                t += net.gap(240_000);
                day.voice(t, p, true, net.highCost(), cell, net.chance(0.9), 4.0, net.between(60, 1800));
            }
        }
    }

    /** One foreign number ringing many subscribers once; some call back. */
    static final class Wangiri implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            String caller = net.chance(0.5) ? net.highCost() : net.ordinaryForeign();
            long t = net.time(day.start, day.end);
            for (int n = net.between(3, 40); n > 0; n--) {
                t += net.gap(60_000);
                Phone victim = net.newPhone();
                day.voice(t, victim, false, caller, net.homeCell(), false, net.between(1.0, 8.0), 0)
                        .put("trunk", "INTL-GW-1");
                if (net.chance(0.1)) {
                    day.voice(t + net.between(60_000, 1_800_000), victim, true, caller, net.homeCell(), true, 5.0, 90);
                }
            }
        }
    }

    /** A scanner brute-forcing a PBX's extensions, then calling out through it. */
    static final class PbxBruteForce implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            String owner = net.newPhone().msisdn();
            String ip = net.ip();
            String trunk = "ENT-" + net.digits(4);
            long t = net.time(day.start, day.end);
            for (int n = net.between(2, 60); n > 0; n--) {
                t += net.gap(20_000);
                String ext = "sip:" + net.between(100, 140) + "@pbx" + trunk + ".example";
                day.sip(t, owner, "REGISTER", net.pick(401, 403, 407), ip, ext, ext, trunk);
            }
            String ext = "sip:101@pbx" + trunk + ".example";
            day.sip(t + 5_000, owner, "REGISTER", 200, ip, ext, ext, trunk);
            for (int n = net.between(0, 8); n > 0; n--) {
                t += net.gap(60_000);
                day.sip(t, owner, "INVITE", net.pick(200, 183, 486), ip, ext, "sip:" + net.highCost() + "@pbx.example", trunk);
            }
        }
    }

    /** Tracking and interception over signaling: scans, location queries, forged updates from strangers. */
    static final class SignalingAttack implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            String[] stranger = net.pick(Net.STRANGERS);
            String gt = stranger[1] + net.digits(6);
            long t = net.time(day.start, day.end);
            for (int n = net.between(1, 20); n > 0; n--) {
                t += net.gap(90_000);
                Phone victim = net.newPhone();
                switch (net.rnd.nextInt(4)) {
                    case 0 -> day.ss7(t, victim.msisdn(), "sendRoutingInfoForSM", gt, null);
                    case 1 -> day.ss7(t, victim.msisdn(), net.pick("anyTimeInterrogation", "provideSubscriberInfo"), gt, victim.imsi());
                    case 2 -> day.ss7(t, victim.msisdn(), net.pick("updateLocation", "cancelLocation"), gt, victim.imsi());
                    default -> day.diameter(t, victim.msisdn(), net.pick("ULR", "IDR", "CLR", "AIR"), stranger[2], victim.imsi());
                }
            }
        }
    }

    /** Artificially inflated traffic: one A2P account bursting messages into one foreign range. */
    static final class SmsPumping implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone account = new Phone(net.newPhone().msisdn(), null, null);
            String sender = net.pick("VERIFY", "APPCODE", "LOGIN-OK");
            String prefix = "+" + net.pick("88216", "2526", "2327", "3712");
            long t = net.time(day.start, day.end);
            for (int n = net.between(10, 150); n > 0; n--) {
                t += net.gap(8_000);
                day.sms(t, account, true, prefix + net.digits(7), null).put("senderId", sender);
            }
        }
    }

    /** A line opened with a stolen identity and used at once for international or premium calls. */
    static final class NewLine implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String cell = net.homeCell();
            long t = net.time(day.start, day.end);
            day.subscription(t, p.msisdn(), net.pick("PREPAID", "POSTPAID"), "C" + net.digits(8), net.pick("ONLINE", "RETAIL"));
            if (net.chance(0.3)) {
                day.voice(t += 120_000, p, true, Net.IRSF_TEST_NUMBER, cell, true, 3.0, 15);
            }
            for (int n = net.between(1, 14); n > 0; n--) {
                t += net.gap(600_000);
                day.voice(t, p, true, net.chance(0.5) ? net.highCost() : net.ordinaryForeign(), cell, true, 5.0,
                        net.between(60, 2400));
            }
        }
    }

    /** Account takeover: a remote SIM swap, then forwarding and one-time codes on the fraudster's handset. */
    static final class SwapTakeover implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone victim = net.newPhone();
            String[] cells = Everyday.cells(net, 2);
            long swap = net.time(day.start, day.end);
            Everyday.activity(net, day, victim, cells, day.start, swap, 2.0);
            Phone thief = new Phone(victim.msisdn(), net.newImsi(), net.phoneImei());
            day.simSwap(swap, victim.msisdn(), victim.imsi(), thief.imsi(), net.pick("ONLINE", "CALL_CENTER"), null);
            String cell = net.homeCell();
            long t = swap + net.gap(300_000);
            day.data(t, thief, cell, 1_000, 10_000);
            if (net.chance(0.5)) {
                String to = net.chance(0.5) ? net.highCost() : net.domesticMobile();
                day.callForward(t += 60_000, victim.msisdn(), to, "UNCONDITIONAL", true);
                if (net.chance(0.5)) {
                    day.voice(t + 600_000, thief, true, to, cell, true, 2.0, 1200);
                }
            }
            for (int n = net.between(0, 5); n > 0; n--) {
                t += net.gap(120_000);
                day.sms(t, thief, false, "+447860" + net.digits(6), cell).put("senderId", net.pick(Otp.SENDERS));
            }
        }
    }

    /** A stolen or cloned SIM abroad calling high-cost ranges before the home network gets the records. */
    static final class RoamingAbuse implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String[] partner = net.pick(Net.PARTNERS);
            String cell = net.visitedCell(partner[0]);
            long t = net.time(day.start, day.end);
            for (int n = net.between(1, 12); n > 0; n--) {
                t += net.gap(400_000);
                Timeline.abroad(day.voice(t, p, true, net.chance(0.7) ? net.highCost() : net.ordinaryForeign(), cell,
                        true, 4.0, net.between(60, 3000)), partner[0]);
            }
        }
    }

    /** A cloned SIM: the same line on two handsets, records interleaved or overlapping a call. */
    static final class Clone implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone original = net.newPhone();
            Phone clone = original.withImei(net.phoneImei());
            String[] cells = Everyday.cells(net, 2);
            long from = net.time(day.start, day.end);
            Everyday.activity(net, day, original, cells, day.start, day.end, 2.0);
            Everyday.activity(net, day, clone, new String[]{net.homeCell()}, from, from + 4 * 3_600_000L,
                    net.between(0.5, 4.0));
        }
    }

    /** A home number presented on the international trunk while its owner is at home. */
    static final class CliSpoof implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone owner = net.newPhone();
            Everyday.activity(net, day, owner, Everyday.cells(net, 2), day.start, day.end, 2.0);
            long t = net.time(day.start, day.end);
            for (int n = net.between(1, 6); n > 0; n--) {
                t += net.gap(300_000);
                day.voice(t, net.newPhone(), false, owner.msisdn(), net.homeCell(), net.chance(0.5), 6.0, 40)
                        .put("trunk", "INTL-GW-2");
            }
        }
    }
}
