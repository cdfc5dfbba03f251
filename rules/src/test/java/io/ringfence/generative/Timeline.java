package io.ringfence.generative;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.generative.Net.Phone;

import java.util.ArrayList;
import java.util.List;

/**
 * Where behaviours write their records, in the contract's JSON form. Each builder returns the record
 * so a behaviour can add the optional fields it needs (roaming, trunk, sender). Records outside the
 * day are dropped, so behaviours need not clip their own schedules.
 */
final class Timeline {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectNode DISCARD = JSON.objectNode();

    final long start;
    final long end;
    private final String idPrefix;
    private final List<Draft> drafts = new ArrayList<>();

    Timeline(long seed, long start, long end) {
        this.start = start;
        this.end = end;
        this.idPrefix = "g" + Long.toHexString(seed) + "-";
    }

    List<Draft> drafts() {
        return drafts;
    }

    boolean within(long t) {
        return t >= start && t < end;
    }

    ObjectNode record(long t, String type, String subscriber) {
        if (!within(t)) {
            return DISCARD.removeAll();
        }
        ObjectNode o = JSON.objectNode();
        o.put("eventId", idPrefix + drafts.size());
        o.put("type", type);
        o.put("timestamp", "");
        o.put("subscriber", subscriber);
        drafts.add(new Draft(drafts.size(), t, o));
        return o;
    }

    ObjectNode voice(long t, Phone p, boolean mo, String other, String cell, boolean answered, double ringSeconds,
                     long durationSeconds) {
        ObjectNode o = record(t, "VOICE", p.msisdn())
                .put("direction", mo ? "MO" : "MT")
                .put("aNumber", mo ? p.msisdn() : other)
                .put("bNumber", mo ? other : p.msisdn());
        device(o, p, cell);
        return o.put("answered", answered)
                .put("ringSeconds", Math.round(ringSeconds * 10) / 10.0)
                .put("durationSeconds", answered ? durationSeconds : 0)
                .put("roaming", false);
    }

    ObjectNode sms(long t, Phone p, boolean mo, String other, String cell) {
        ObjectNode o = record(t, "SMS", p.msisdn())
                .put("direction", mo ? "MO" : "MT")
                .put("aNumber", mo ? p.msisdn() : other)
                .put("bNumber", mo ? other : p.msisdn());
        device(o, p, cell);
        return o.put("roaming", false);
    }

    ObjectNode data(long t, Phone p, String cell, long up, long down) {
        ObjectNode o = record(t, "DATA", p.msisdn());
        device(o, p, cell);
        return o.put("bytesUp", up).put("bytesDown", down).put("roaming", false);
    }

    ObjectNode sip(long t, String owner, String method, int code, String ip, String from, String to, String trunk) {
        return record(t, "SIP", owner).put("method", method).put("responseCode", code).put("sourceIp", ip)
                .put("userAgent", "friendly-scanner").put("fromUri", from).put("toUri", to).put("trunk", trunk);
    }

    ObjectNode ss7(long t, String subscriber, String operation, String callingGt, String imsi) {
        ObjectNode o = record(t, "SS7", subscriber).put("operation", operation).put("callingGt", callingGt)
                .put("calledGt", Net.HOME_HLR_GT);
        return imsi == null ? o : o.put("imsi", imsi);
    }

    ObjectNode diameter(long t, String subscriber, String command, String realm, String imsi) {
        return record(t, "DIAMETER", subscriber).put("command", command).put("originHost", "mme1." + realm)
                .put("originRealm", realm).put("imsi", imsi);
    }

    ObjectNode simSwap(long t, String subscriber, String oldImsi, String newImsi, String channel, String agent) {
        ObjectNode o = record(t, "SIM_SWAP", subscriber).put("oldImsi", oldImsi).put("newImsi", newImsi)
                .put("channel", channel);
        return agent == null ? o : o.put("agentId", agent);
    }

    ObjectNode callForward(long t, String subscriber, String to, String condition, boolean active) {
        ObjectNode o = record(t, "CALL_FORWARD", subscriber);
        if (to != null) {
            o.put("forwardTo", to);
        }
        return o.put("condition", condition).put("active", active);
    }

    ObjectNode subscription(long t, String subscriber, String plan, String customer, String channel) {
        return record(t, "SUBSCRIPTION", subscriber).put("plan", plan).put("customerId", customer)
                .put("channel", channel);
    }

    private static void device(ObjectNode o, Phone p, String cell) {
        if (p.imsi() != null) {
            o.put("imsi", p.imsi());
        }
        if (p.imei() != null) {
            o.put("imei", p.imei());
        }
        if (cell != null) {
            o.put("cellId", cell);
        }
    }

    /** Marks a CDR as made abroad. */
    static ObjectNode abroad(ObjectNode cdr, String plmn) {
        return cdr.put("roaming", true).put("visitedPlmn", plmn);
    }
}
