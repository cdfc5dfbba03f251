package io.ringfence.simulator;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent.Common;
import io.ringfence.event.VoiceEvent;

/**
 * Builds contract events with opaque, unique, seed-determined ids: nothing in an id or a field tells
 * a rule which events are fraud.
 */
final class EventFactory {
    private final long seed;
    private long counter;

    EventFactory(long seed) {
        this.seed = seed;
    }

    private Common common(long t, String subscriber) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + (++counter));
        return new Common(String.format("%016x", h), t, subscriber);
    }

    VoiceEvent voice(long t, String sub, Direction dir, String a, String b, Device dev, Roaming roaming,
                     String trunk, Double charge, boolean answered, double ringSeconds, double durationSeconds) {
        return new VoiceEvent(common(t, sub), dir, a, b, dev, roaming, trunk, charge, answered,
                round1(ringSeconds), answered ? Math.round(durationSeconds) : 0);
    }

    SmsEvent sms(long t, String sub, Direction dir, String a, String b, Device dev, Roaming roaming, String senderId) {
        return new SmsEvent(common(t, sub), dir, a, b, dev, roaming, null, null, senderId);
    }

    DataEvent data(long t, String sub, Device dev, Roaming roaming, long up, long down) {
        return new DataEvent(common(t, sub), dev, roaming, up, down);
    }

    SipEvent sip(long t, String sub, String method, int code, String ip, String ua, String from, String to, String trunk) {
        return new SipEvent(common(t, sub), method, code, ip, ua, from, to, trunk);
    }

    Ss7Event ss7(long t, String sub, String op, String callingGt, String calledGt, String imsi) {
        return new Ss7Event(common(t, sub), op, callingGt, calledGt, imsi);
    }

    DiameterEvent diameter(long t, String sub, String command, String host, String realm, String imsi) {
        return new DiameterEvent(common(t, sub), command, host, realm, imsi);
    }

    SimSwapEvent simSwap(long t, String sub, String oldImsi, String newImsi, String channel, String agent) {
        return new SimSwapEvent(common(t, sub), oldImsi, newImsi, channel, agent);
    }

    CallForwardEvent callForward(long t, String sub, String to, String condition, boolean active) {
        return new CallForwardEvent(common(t, sub), to, condition, active);
    }

    SubscriptionEvent subscription(long t, String sub, String plan, String customer, String channel, String docHash) {
        return new SubscriptionEvent(common(t, sub), plan, customer, channel, docHash);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
