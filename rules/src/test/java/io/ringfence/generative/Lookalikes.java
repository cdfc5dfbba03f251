package io.ringfence.generative;

import io.ringfence.generative.Net.Phone;

/**
 * Honest traffic that looks like fraud to a rule written on counts: the behaviours that raised false
 * alerts on traffic the rules were not tuned on (issue 15), and the one whose day crashed the engine.
 */
final class Lookalikes {
    private Lookalikes() {
    }

    /**
     * Mostly outgoing calls to distinct domestic numbers from one cell for a few hours, a few incoming:
     * the shape of the engine-crash repro. Some send no SMS and use no data at all that day.
     */
    static final class HeavyCaller implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String cell = net.homeCell();
            long from = net.time(day.start, day.end - 3_600_000);
            long to = from + net.between(1, 4) * 3_600_000L;
            int calls = net.between(20, 70);
            for (int i = 0; i < calls; i++) {
                boolean answered = net.chance(0.6);
                day.voice(net.time(from, to), p, true, net.domesticNumber(), cell, answered, net.between(3.0, 15.0),
                        net.between(10, 900));
            }
            for (int i = net.between(0, 4); i > 0; i--) {
                day.voice(net.time(from, to), p, false, net.domesticNumber(), cell, true, net.between(3.0, 12.0),
                        net.between(20, 900));
            }
            if (net.chance(0.5)) {
                Everyday.activity(net, day, p, new String[]{cell}, day.start, day.end, 0.5);
            }
        }
    }

    /** An agent dialling lists all working day: many short calls, most unanswered, from one office cell. */
    static final class Telesales implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String cell = net.homeCell();
            long from = net.time(day.start, day.end - 2 * 3_600_000L);
            long to = Math.min(day.end, from + net.between(2, 9) * 3_600_000L);
            long mean = net.between(60_000, 240_000);
            for (long t = from; t < to; t += net.gap(mean)) {
                boolean answered = net.chance(0.35);
                day.voice(t, p, true, net.domesticNumber(), cell, answered, net.between(4.0, 30.0), net.between(15, 300));
                if (net.chance(0.03)) {
                    day.voice(t + 20_000, p, false, net.domesticNumber(), cell, true, 3.0, net.between(20, 200));
                }
            }
            if (net.chance(0.5)) {
                day.data(net.time(from, to), p, cell, 20_000, 300_000);
            }
        }
    }

    /** Agents sharing one office cell: customers call in (some from abroad, on the international trunk), agents call back. */
    static final class CallCentre implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            String cell = net.homeCell();
            String trunk = net.pick("INTL-GW-1", "INTL-GW-2");
            for (int agents = net.between(3, 12); agents > 0; agents--) {
                Phone p = net.newPhone();
                long mean = net.between(120_000, 600_000);
                for (long t = day.start + net.gap(mean); t < day.end; t += net.gap(mean)) {
                    if (net.chance(0.6)) {
                        boolean abroad = net.chance(0.15);
                        var c = day.voice(t, p, false, abroad ? net.ordinaryForeign() : net.domesticNumber(), cell,
                                net.chance(0.9), net.between(1.0, 20.0), net.between(30, 1200));
                        if (abroad) {
                            c.put("trunk", trunk);
                        }
                    } else if (net.chance(0.8)) {
                        day.voice(t, p, true, net.domesticNumber(), cell, net.chance(0.7), net.between(3.0, 20.0),
                                net.between(30, 900));
                    } else {
                        day.sms(t, p, true, net.domesticMobile(), cell);
                    }
                }
            }
        }
    }

    /**
     * Someone who lives near a border: the partner network's location update (MAP or S6a) comes
     * minutes after activity at home, records abroad follow, then the home network takes them back.
     */
    static final class BorderResident implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String[] home = Everyday.cells(net, 2);
            String[] partner = net.pick(Net.PARTNERS);
            String gt = net.partnerGt(partner);
            long t = day.start;
            boolean atHome = true;
            while (t < day.end) {
                long stay = net.between(20, 300) * 60_000L;
                if (atHome) {
                    Everyday.activity(net, day, p, home, t, t + stay, net.between(1.0, 6.0));
                    t += stay;
                    // the crossing: the partner's update minutes after the last record at home
                    long cross = t + net.between(1, 40) * 60_000L;
                    if (net.chance(0.7)) {
                        day.ss7(cross, p.msisdn(), net.pick("updateLocation", "insertSubscriberData"), gt, p.imsi());
                    }
                    if (net.chance(0.7)) {
                        day.diameter(cross + net.between(0, 30_000), p.msisdn(), net.pick("ULR", "AIR"), partner[2], p.imsi());
                    }
                    t = cross;
                } else {
                    String cell = net.visitedCell(partner[0]);
                    long mean = net.between(600_000, 3_600_000);
                    for (long x = t + net.gap(mean); x < t + stay; x += net.gap(mean)) {
                        if (net.chance(0.5)) {
                            Timeline.abroad(day.voice(x, p, net.chance(0.5), net.domesticNumber(), cell, net.chance(0.8),
                                    net.between(3.0, 20.0), net.between(10, 600)), partner[0]);
                        } else {
                            Timeline.abroad(day.data(x, p, cell, 10_000, 2_000_000), partner[0]);
                        }
                    }
                    t += stay;
                    day.ss7(t, p.msisdn(), "updateLocation", "4477009" + net.digits(5), p.imsi());
                }
                atHome = !atHome;
            }
        }
    }

    /**
     * A shop re-issuing SIMs: lost phones, upgrades, eSIM moves. Each customer comes back on a new SIM,
     * often on a new handset first seen in the shop's cell, and logs in to the bank (one-time codes).
     * A few re-issues go through the call centre or online, the channels a takeover uses too.
     */
    static final class SimReissueShop implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            String shopCell = net.homeCell();
            String agent = "SHOP-" + net.digits(3);
            for (int n = net.between(2, 8); n > 0; n--) {
                Phone old = net.newPhone();
                String[] cells = Everyday.cells(net, 2);
                long swap = net.time(day.start, day.end);
                Everyday.activity(net, day, old, cells, day.start, swap, net.between(0.5, 3.0));
                Phone fresh = new Phone(old.msisdn(), net.newImsi(), net.chance(0.6) ? net.phoneImei() : old.imei());
                String channel = net.chance(0.8) ? "RETAIL" : net.pick("CALL_CENTER", "ONLINE");
                day.simSwap(swap, old.msisdn(), old.imsi(), fresh.imsi(), channel, "RETAIL".equals(channel) ? agent : null);
                long t = swap + net.between(1, 20) * 60_000L;
                day.data(t, fresh, shopCell, 5_000, 50_000);
                for (int otp = net.between(0, 4); otp > 0; otp--) {
                    t += net.between(10_000, 600_000);
                    day.sms(t, fresh, false, "+447860" + net.digits(6), shopCell).put("senderId", net.pick(Otp.SENDERS));
                }
                if (net.chance(0.1)) {
                    day.callForward(t + 60_000, old.msisdn(), net.domesticMobile(), "NO_REPLY", true);
                }
                Everyday.activity(net, day, fresh, cells, t, day.end, net.between(0.5, 3.0));
            }
        }
    }

    /**
     * A SIM box: a gateway with a few gateway-model IMEIs and more SIMs, moving each SIM to another IMEI
     * every so often (to dodge IMEI-based detection), each SIM calling many domestic numbers. Some boxes
     * fake a little honest behaviour: an SMS, an incoming call.
     */
    static final class SimBoxRotator implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            String[] cells = Everyday.cells(net, net.between(1, 2));
            String[] imeis = new String[net.between(2, 8)];
            for (int i = 0; i < imeis.length; i++) {
                imeis[i] = net.gatewayImei();
            }
            Phone[] sims = new Phone[net.between(3, 16)];
            for (int i = 0; i < sims.length; i++) {
                sims[i] = net.newPhone();
            }
            long rotation = net.between(5, 60) * 60_000L;
            long from = net.time(day.start, day.end - 3_600_000);
            long to = Math.min(day.end, from + net.between(2, 12) * 3_600_000L);
            long mean = net.between(40_000, 300_000);
            boolean disguised = net.chance(0.3);
            for (int s = 0; s < sims.length; s++) {
                for (long t = from + net.gap(mean); t < to; t += net.gap(mean)) {
                    int slot = (int) ((s + (t - from) / rotation) % imeis.length);
                    Phone p = sims[s].withImei(imeis[slot]);
                    String cell = cells[(int) ((t / 3_600_000) % cells.length)];
                    day.voice(t, p, true, net.domesticNumber(), cell, net.chance(0.7), net.between(2.0, 10.0),
                            net.between(20, 240));
                    if (disguised && net.chance(0.02)) {
                        day.sms(t + 5_000, p, true, net.domesticMobile(), cell);
                    }
                    if (disguised && net.chance(0.02)) {
                        day.voice(t + 30_000, p, false, net.domesticNumber(), cell, true, 4.0, 60);
                    }
                }
            }
        }
    }
}
