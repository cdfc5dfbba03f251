package io.ringfence.simulator;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;

import java.util.SplittableRandom;

/**
 * An honest subscriber's day, generated one event at a time: calls and messages in and out (mostly
 * domestic, some international to ordinary countries), A2P messages from banks and shops, data
 * sessions, all following a daily rhythm, from a few usual cells. Some replace their phone mid-day.
 */
final class OrdinaryActor extends Actor {
    static final String HOME_SMSC_GT = "447700900100";
    private static final String[] INTL_TRUNKS = {"INTL-GW-1", "INTL-GW-2"};

    private final SplittableRandom rnd;
    private final EventFactory f;
    private final Numbers numbers;
    private final Identity id;
    private final long end;
    private final double moCalls;
    private final double mtCalls;
    private final double smsMo;
    private final double smsMt;
    private final double a2pMt;
    private final double data;
    private final double total;
    private final double intlShare;
    private String imei;
    private long deviceChangeAt = Long.MAX_VALUE;
    private String nextImei;
    private long stopAt = Long.MAX_VALUE;
    private final java.util.List<long[]> pauses = new java.util.ArrayList<>();
    private long busyUntil;
    private long t;

    OrdinaryActor(SplittableRandom rnd, EventFactory f, Numbers numbers, Identity id, long start, long end) {
        this.rnd = rnd;
        this.f = f;
        this.numbers = numbers;
        this.id = id;
        this.end = end;
        this.t = start;
        this.imei = id.imei();
        // Habits differ a lot between people: light users, chatty users, data-heavy users.
        this.moCalls = 1 + rnd.nextDouble() * 12;
        this.mtCalls = 1 + rnd.nextDouble() * 10;
        this.smsMo = rnd.nextDouble() * 15;
        this.smsMt = 1 + rnd.nextDouble() * 12;
        this.a2pMt = rnd.nextDouble() * 2.5;
        this.data = 6 + rnd.nextDouble() * 36;
        this.total = moCalls + mtCalls + smsMo + smsMt + a2pMt + data;
        this.intlShare = rnd.nextDouble() < 0.7 ? rnd.nextDouble() * 0.04 : rnd.nextDouble() * 0.12;
    }

    Identity identity() {
        return id;
    }

    /** The line stops producing honest records (its SIM was taken over). */
    void stopAt(long t) {
        this.stopAt = Math.min(stopAt, t);
    }

    /** The line makes no ordinary records in {@code [from, to)} (abroad, or a scenario speaks for it). */
    void pause(long from, long to) {
        pauses.add(new long[]{from, to});
    }

    private boolean paused(long at) {
        for (long[] p : pauses) {
            if (at >= p[0] && at < p[1]) {
                return true;
            }
        }
        return false;
    }

    /** The subscriber moves to a new handset at this time and never uses the old one again. */
    void replaceHandsetAt(long t, String newImei) {
        this.deviceChangeAt = t;
        this.nextImei = newImei;
    }

    @Override
    protected void refill() {
        double peak = total / 24.0 * 1.6;
        while (true) {
            t += (long) (-Math.log(1 - rnd.nextDouble()) / peak * 3_600_000);
            if (t >= end || t >= stopAt) {
                return;
            }
            if (rnd.nextDouble() * 1.6 < DailyRhythm.weight(t) && !paused(t)) {
                break;
            }
        }
        // A handset is swapped between calls, never during one.
        if (t >= deviceChangeAt && t >= busyUntil) {
            imei = nextImei;
        }
        emit();
    }

    private void emit() {
        String sub = id.msisdn();
        String cell = rnd.nextDouble() < 0.9 ? id.anyHomeCell(rnd) : numbers.homeCell();
        Device dev = new Device(id.imsi(), imei, cell);
        double x = rnd.nextDouble() * total;
        if ((x -= moCalls) < 0) {
            boolean intl = rnd.nextDouble() < intlShare;
            String b = intl ? numbers.ordinaryForeign() : numbers.domesticNumber();
            boolean answered = rnd.nextDouble() < 0.78;
            double d = duration();
            pending.add(f.voice(t, sub, Direction.MO, sub, b, dev, Roaming.HOME, null, null, answered,
                    3 + rnd.nextDouble() * 25, d));
            busyUntil = answered ? t + (long) (d * 1000) + 1000 : busyUntil;
        } else if ((x -= mtCalls) < 0) {
            boolean intl = rnd.nextDouble() < intlShare * 1.5;
            String a = intl ? numbers.ordinaryForeign() : numbers.domesticNumber();
            boolean answered = rnd.nextDouble() < 0.75;
            double d = duration();
            pending.add(f.voice(t, sub, Direction.MT, a, sub, dev, Roaming.HOME,
                    intl ? INTL_TRUNKS[rnd.nextInt(2)] : null, null, answered, 4 + rnd.nextDouble() * 26, d));
            busyUntil = answered ? t + (long) (d * 1000) + 1000 : busyUntil;
        } else if ((x -= smsMo) < 0) {
            String b = rnd.nextDouble() < intlShare ? numbers.ordinaryForeign() : numbers.domesticMobile();
            pending.add(f.sms(t, sub, Direction.MO, sub, b, dev, Roaming.HOME, null));
        } else if ((x -= smsMt) < 0) {
            pending.add(f.sms(t, sub, Direction.MT, numbers.domesticMobile(), sub, dev, Roaming.HOME, null));
            routingQuery();
        } else if ((x -= a2pMt) < 0) {
            String sender = Numbers.BANK_SENDERS[rnd.nextInt(Numbers.BANK_SENDERS.length)];
            pending.add(f.sms(t, sub, Direction.MT, "+447860" + numbers.digits(6), sub, dev, Roaming.HOME, sender));
            routingQuery();
        } else {
            pending.add(f.data(t, sub, dev, Roaming.HOME, rnd.nextInt(2_000_000), rnd.nextInt(40_000_000)));
        }
    }

    /** The home SMSC asks the HLR where to deliver: honest signaling that must not alert. */
    private void routingQuery() {
        if (rnd.nextDouble() < 0.3) {
            pending.add(f.ss7(t + 1, id.msisdn(), "sendRoutingInfoForSM", HOME_SMSC_GT, "447700900001", null));
        }
    }

    private double duration() {
        return Math.min(3600, Math.exp(3.6 + rnd.nextGaussian() * 1.0));
    }
}
