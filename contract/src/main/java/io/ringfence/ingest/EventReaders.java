package io.ringfence.ingest;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.Direction;
import io.ringfence.event.EventType;
import io.ringfence.event.Roaming;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.TelecomEvent.Common;
import io.ringfence.event.VoiceEvent;

import java.util.HashMap;
import java.util.Map;

import static io.ringfence.ingest.EventLimits.*;

/**
 * Turns a {@link RawRecord} into a typed event, one method per contract type. Fields are read in
 * contract order so that the first problem reported is a predictable one.
 */
final class EventReaders {
    private static final boolean REQUIRED = true;
    private static final boolean OPTIONAL = false;

    private static final Map<String, EventType> TYPES = new HashMap<>();

    static {
        for (EventType t : EventType.values()) {
            TYPES.put(t.name(), t);
        }
    }

    private static final Format EVENT_ID = Format.text(EVENT_ID_MAX);
    private static final Format CELL_ID = Format.text(CELL_ID_MAX);
    private static final Format TRUNK = Format.text(TRUNK_MAX);
    private static final Format URI = Format.text(URI_MAX);
    private static final Format USER_AGENT = Format.text(USER_AGENT_MAX);
    private static final Format AGENT_ID = Format.text(AGENT_ID_MAX);
    private static final Format CUSTOMER_ID = Format.text(CUSTOMER_ID_MAX);

    private EventReaders() {
    }

    static TelecomEvent read(RawRecord r) {
        EventType type = type(r);
        Head head = new Head(r.string("eventId", REQUIRED, EVENT_ID), r.timestamp("timestamp"),
                r.string("subscriber", REQUIRED, Format.E164));
        return switch (type) {
            case VOICE -> voice(head, r);
            case SMS -> sms(head, r);
            case DATA -> data(head, r);
            case SIP -> sip(head, r);
            case SS7 -> ss7(head, r);
            case DIAMETER -> diameter(head, r);
            case SIM_SWAP -> simSwap(head, r);
            case CALL_FORWARD -> callForward(head, r);
            case SUBSCRIPTION -> subscription(head, r);
        };
    }

    private static EventType type(RawRecord r) {
        String name = r.string("type", REQUIRED, s -> null);
        EventType type = TYPES.get(name);
        if (type == null) {
            throw new FieldException("type", "unknown event type " + Syntax.quote(name));
        }
        return type;
    }

    private static VoiceEvent voice(Head h, RawRecord r) {
        Direction direction = r.direction("direction");
        String a = r.string("aNumber", REQUIRED, Format.E164);
        String b = r.string("bNumber", REQUIRED, Format.E164);
        Device device = device(r);
        boolean answered = r.bool("answered", OPTIONAL, false);
        Double ring = r.number("ringSeconds", 0, MAX_SECONDS);
        Double duration = r.number("durationSeconds", 0, MAX_SECONDS);
        Roaming roaming = roaming(r);
        String trunk = r.string("trunk", OPTIONAL, TRUNK);
        Double charge = r.number("chargeAmount", 0, MAX_CHARGE);
        return new VoiceEvent(h.common(r), direction, a, b, device, roaming, trunk, charge,
                answered, ring, duration == null ? 0 : duration);
    }

    private static SmsEvent sms(Head h, RawRecord r) {
        Direction direction = r.direction("direction");
        // Only here may a party be a short code or an alphanumeric sender: the originator of an
        // application-to-person message. The B-number and every other number stay E.164.
        String a = r.string("aNumber", REQUIRED, Format.SMS_A_NUMBER);
        String b = r.string("bNumber", REQUIRED, Format.E164);
        Device device = device(r);
        Roaming roaming = roaming(r);
        String trunk = r.string("trunk", OPTIONAL, TRUNK);
        String senderId = r.string("senderId", OPTIONAL, Format.SENDER_ID);
        Double charge = r.number("chargeAmount", 0, MAX_CHARGE);
        return new SmsEvent(h.common(r), direction, a, b, device, roaming, trunk, charge, senderId);
    }

    private static DataEvent data(Head h, RawRecord r) {
        Device device = device(r);
        long up = r.integer("bytesUp", 0, MAX_BYTES, 0);
        long down = r.integer("bytesDown", 0, MAX_BYTES, 0);
        Roaming roaming = roaming(r);
        return new DataEvent(h.common(r), device, roaming, up, down);
    }

    private static SipEvent sip(Head h, RawRecord r) {
        String method = r.string("method", REQUIRED, Format.SIP_METHOD);
        // The model's responseCode is a primitive int: 0 stands for "no response seen".
        int code = (int) r.integer("responseCode", RESPONSE_CODE_MIN, RESPONSE_CODE_MAX, 0);
        String sourceIp = r.string("sourceIp", REQUIRED, Format.IP);
        String userAgent = r.string("userAgent", OPTIONAL, USER_AGENT);
        String from = r.string("fromUri", OPTIONAL, URI);
        String to = r.string("toUri", OPTIONAL, URI);
        String trunk = r.string("trunk", OPTIONAL, TRUNK);
        return new SipEvent(h.common(r), method, code, sourceIp, userAgent, from, to, trunk);
    }

    private static Ss7Event ss7(Head h, RawRecord r) {
        String operation = r.string("operation", REQUIRED, Format.OPERATION);
        String calling = r.string("callingGt", REQUIRED, Format.GLOBAL_TITLE);
        String called = r.string("calledGt", OPTIONAL, Format.GLOBAL_TITLE);
        String imsi = r.string("imsi", OPTIONAL, Format.IMSI);
        return new Ss7Event(h.common(r), operation, calling, called, imsi);
    }

    private static DiameterEvent diameter(Head h, RawRecord r) {
        String command = r.string("command", REQUIRED, Format.COMMAND);
        String host = r.string("originHost", OPTIONAL, Format.HOST);
        String realm = r.string("originRealm", REQUIRED, Format.HOST);
        String imsi = r.string("imsi", OPTIONAL, Format.IMSI);
        return new DiameterEvent(h.common(r), command, host, realm, imsi);
    }

    private static SimSwapEvent simSwap(Head h, RawRecord r) {
        String oldImsi = r.string("oldImsi", OPTIONAL, Format.IMSI);
        String newImsi = r.string("newImsi", REQUIRED, Format.IMSI);
        String channel = r.code("channel", REQUIRED, "RETAIL", "ONLINE", "CALL_CENTER");
        String agentId = r.string("agentId", OPTIONAL, AGENT_ID);
        return new SimSwapEvent(h.common(r), oldImsi, newImsi, channel, agentId);
    }

    private static CallForwardEvent callForward(Head h, RawRecord r) {
        String forwardTo = r.string("forwardTo", OPTIONAL, Format.E164);
        String condition = r.code("condition", REQUIRED, "UNCONDITIONAL", "BUSY", "NO_REPLY", "NOT_REACHABLE");
        boolean active = r.bool("active", REQUIRED);
        if (active && forwardTo == null) {
            throw new FieldException("forwardTo", "required when active is true");
        }
        return new CallForwardEvent(h.common(r), forwardTo, condition, active);
    }

    private static SubscriptionEvent subscription(Head h, RawRecord r) {
        String plan = r.code("plan", REQUIRED, "PREPAID", "POSTPAID");
        String customerId = r.string("customerId", OPTIONAL, CUSTOMER_ID);
        String channel = r.string("channel", REQUIRED, Format.CHANNEL_CODE);
        String hash = r.string("idDocumentHash", OPTIONAL, Format.HASH);
        return new SubscriptionEvent(h.common(r), plan, customerId, channel, hash);
    }

    private static Device device(RawRecord r) {
        String imsi = r.string("imsi", OPTIONAL, Format.IMSI);
        String imei = r.string("imei", OPTIONAL, Format.IMEI);
        String cellId = r.string("cellId", OPTIONAL, CELL_ID);
        return imsi == null && imei == null && cellId == null ? Device.NONE : new Device(imsi, imei, cellId);
    }

    private static Roaming roaming(RawRecord r) {
        boolean roaming = r.bool("roaming", OPTIONAL, false);
        String plmn = r.string("visitedPlmn", OPTIONAL, Format.PLMN);
        return !roaming && plmn == null ? Roaming.HOME : new Roaming(roaming, plmn);
    }

    /** The common fields, held until the typed fields are read and only the extras remain. */
    private record Head(String eventId, long timestampMillis, String subscriber) {
        Common common(RawRecord r) {
            return new Common(eventId, timestampMillis, subscriber, r.extras());
        }
    }
}
