package io.ringfence.generative;

import io.ringfence.generative.Net.Phone;

/** Honest everyday subscribers: the bulk of any day, and the background every rule must stay quiet on. */
final class Everyday {
    private Everyday() {
    }

    /**
     * A person's ordinary records between two times: calls and messages both ways, data, bank
     * messages, and the home SMSC's routing queries that go with incoming messages.
     */
    static void activity(Net net, Timeline day, Phone p, String[] cells, long from, long to, double perHour) {
        long mean = (long) (3_600_000 / Math.max(0.05, perHour));
        for (long t = from + net.gap(mean); t < to; t += net.gap(mean)) {
            String cell = net.pick(cells);
            int kind = net.rnd.nextInt(10);
            if (kind < 2) {
                boolean answered = net.chance(0.8);
                day.voice(t, p, true, net.chance(0.05) ? net.ordinaryForeign() : net.domesticNumber(), cell,
                        answered, net.between(2.0, 25.0), net.between(5, 1800));
            } else if (kind < 4) {
                day.voice(t, p, false, net.domesticNumber(), cell, net.chance(0.75), net.between(2.0, 30.0),
                        net.between(5, 1800));
            } else if (kind < 5) {
                day.sms(t, p, true, net.domesticMobile(), cell);
            } else if (kind < 7) {
                day.sms(t, p, false, net.domesticMobile(), cell);
                if (net.chance(0.3)) {
                    day.ss7(t + 1, p.msisdn(), "sendRoutingInfoForSM", Net.HOME_SMSC_GT, null);
                }
            } else if (kind < 8 && net.chance(0.3)) {
                day.sms(t, p, false, "+447860" + net.digits(6), cell).put("senderId", net.pick(Otp.SENDERS));
            } else {
                day.data(t, p, cell, net.rnd.nextInt(2_000_000), net.rnd.nextInt(40_000_000));
            }
        }
    }

    static String[] cells(Net net, int n) {
        String[] cells = new String[n];
        for (int i = 0; i < n; i++) {
            cells[i] = net.homeCell();
        }
        return cells;
    }

    /** Someone with a phone and habits of their own; a few replace the handset during the day. */
    static final class Person implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            String[] cells = cells(net, net.between(1, 4));
            double rate = net.between(0.3, 6.0);
            if (net.chance(0.05)) {
                long change = net.time(day.start, day.end);
                activity(net, day, p, cells, day.start, change, rate);
                activity(net, day, p.withImei(net.phoneImei()), cells, change + 60_000, day.end, rate);
            } else {
                activity(net, day, p, cells, day.start, day.end, rate);
            }
        }
    }

    /**
     * A line that only receives: a child's or an elderly person's phone, a tablet's SIM. Some
     * mediation feeds give no handset or cell for terminating records.
     */
    static final class ReceiveOnly implements Behaviour {
        @Override
        public void play(Net net, Timeline day) {
            Phone p = net.newPhone();
            Phone seen = net.chance(0.3) ? new Phone(p.msisdn(), null, null) : p;
            String cell = net.chance(0.3) ? null : net.homeCell();
            long mean = (long) (3_600_000 / net.between(0.2, 3.0));
            for (long t = day.start + net.gap(mean); t < day.end; t += net.gap(mean)) {
                String from = net.chance(0.1) ? net.ordinaryForeign() : net.domesticNumber();
                if (net.chance(0.5)) {
                    day.voice(t, seen, false, from, cell, net.chance(0.6), net.between(1.0, 40.0), net.between(5, 900));
                } else {
                    day.sms(t, seen, false, net.domesticMobile(), cell);
                }
            }
        }
    }
}
