package io.ringfence.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.event.EventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid line per type with every contract field set, and one with only the required ones. */
final class Samples {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final Map<EventType, String> FULL = new LinkedHashMap<>();
    static final Map<EventType, String> MINIMAL = new LinkedHashMap<>();

    private static final String HEAD = "\"timestamp\":\"2026-03-01T12:00:00.123Z\",\"subscriber\":\"+447700900001\"";

    static {
        FULL.put(EventType.VOICE, "{\"eventId\":\"v-1\",\"type\":\"VOICE\"," + HEAD + ",\"direction\":\"MO\","
                + "\"aNumber\":\"+447700900001\",\"bNumber\":\"+88234567890\",\"imsi\":\"234150000000001\","
                + "\"imei\":\"356938035643809\",\"cellId\":\"234-15-1001-17\",\"answered\":true,\"ringSeconds\":4.5,"
                + "\"durationSeconds\":63,\"roaming\":true,\"visitedPlmn\":\"208-01\",\"trunk\":\"INTL-GW-1\","
                + "\"chargeAmount\":12.75}");
        FULL.put(EventType.SMS, "{\"eventId\":\"s-1\",\"type\":\"SMS\"," + HEAD + ",\"direction\":\"MT\","
                + "\"aNumber\":\"+33612345678\",\"bNumber\":\"+447700900001\",\"imsi\":\"234150000000001\","
                + "\"imei\":\"35693803564380\",\"cellId\":\"c-9\",\"roaming\":false,\"visitedPlmn\":\"234-15\","
                + "\"trunk\":\"SMSC-2\",\"senderId\":\"MyBank\",\"chargeAmount\":0.05}");
        FULL.put(EventType.DATA, "{\"eventId\":\"d-1\",\"type\":\"DATA\"," + HEAD + ",\"imsi\":\"234150000000001\","
                + "\"imei\":\"3569380356438091\",\"cellId\":\"c-1\",\"bytesUp\":1048576,\"bytesDown\":9007199254740991,"
                + "\"roaming\":true,\"visitedPlmn\":\"310-410\"}");
        FULL.put(EventType.SIP, "{\"eventId\":\"p-1\",\"type\":\"SIP\"," + HEAD + ",\"method\":\"REGISTER\","
                + "\"responseCode\":401,\"sourceIp\":\"203.0.113.7\",\"userAgent\":\"friendly-scanner\","
                + "\"fromUri\":\"sip:100@pbx.example.com\",\"toUri\":\"sip:100@pbx.example.com\",\"trunk\":\"PBX-ACME\"}");
        FULL.put(EventType.SS7, "{\"eventId\":\"7-1\",\"type\":\"SS7\"," + HEAD + ",\"operation\":\"sendRoutingInfoForSM\","
                + "\"callingGt\":\"2250000001\",\"calledGt\":\"447700000001\",\"imsi\":\"234150000000001\"}");
        FULL.put(EventType.DIAMETER, "{\"eventId\":\"m-1\",\"type\":\"DIAMETER\"," + HEAD + ",\"command\":\"ULR\","
                + "\"originHost\":\"mme1.epc.mnc001.mcc208.3gppnetwork.org\",\"originRealm\":\"epc.mnc001.mcc208.3gppnetwork.org\","
                + "\"imsi\":\"234150000000001\"}");
        FULL.put(EventType.SIM_SWAP, "{\"eventId\":\"w-1\",\"type\":\"SIM_SWAP\"," + HEAD + ",\"oldImsi\":\"234150000000001\","
                + "\"newImsi\":\"234150000000002\",\"channel\":\"CALL_CENTER\",\"agentId\":\"agent-42\"}");
        FULL.put(EventType.CALL_FORWARD, "{\"eventId\":\"f-1\",\"type\":\"CALL_FORWARD\"," + HEAD + ","
                + "\"forwardTo\":\"+882351234567\",\"condition\":\"UNCONDITIONAL\",\"active\":true}");
        FULL.put(EventType.SUBSCRIPTION, "{\"eventId\":\"n-1\",\"type\":\"SUBSCRIPTION\"," + HEAD + ",\"plan\":\"POSTPAID\","
                + "\"customerId\":\"C-1001\",\"channel\":\"ONLINE\",\"idDocumentHash\":\"sha256:9f86d081884c7d65\"}");

        MINIMAL.put(EventType.VOICE, "{\"eventId\":\"v-2\",\"type\":\"VOICE\"," + HEAD
                + ",\"direction\":\"MT\",\"aNumber\":\"+33612345678\",\"bNumber\":\"+447700900001\"}");
        MINIMAL.put(EventType.SMS, "{\"eventId\":\"s-2\",\"type\":\"SMS\"," + HEAD
                + ",\"direction\":\"MO\",\"aNumber\":\"+447700900001\",\"bNumber\":\"+33612345678\"}");
        MINIMAL.put(EventType.DATA, "{\"eventId\":\"d-2\",\"type\":\"DATA\"," + HEAD + "}");
        MINIMAL.put(EventType.SIP, "{\"eventId\":\"p-2\",\"type\":\"SIP\"," + HEAD
                + ",\"method\":\"INVITE\",\"sourceIp\":\"2001:db8::7\"}");
        MINIMAL.put(EventType.SS7, "{\"eventId\":\"7-2\",\"type\":\"SS7\"," + HEAD
                + ",\"operation\":\"anyTimeInterrogation\",\"callingGt\":\"2250000001\"}");
        MINIMAL.put(EventType.DIAMETER, "{\"eventId\":\"m-2\",\"type\":\"DIAMETER\"," + HEAD
                + ",\"command\":\"IDR\",\"originRealm\":\"epc.mnc001.mcc208.3gppnetwork.org\"}");
        MINIMAL.put(EventType.SIM_SWAP, "{\"eventId\":\"w-2\",\"type\":\"SIM_SWAP\"," + HEAD
                + ",\"newImsi\":\"234150000000003\",\"channel\":\"RETAIL\"}");
        MINIMAL.put(EventType.CALL_FORWARD, "{\"eventId\":\"f-2\",\"type\":\"CALL_FORWARD\"," + HEAD
                + ",\"condition\":\"BUSY\",\"active\":false}");
        MINIMAL.put(EventType.SUBSCRIPTION, "{\"eventId\":\"n-2\",\"type\":\"SUBSCRIPTION\"," + HEAD
                + ",\"plan\":\"PREPAID\",\"channel\":\"RETAIL\"}");
    }

    /**
     * Application-to-person messages as SMSCs record them: the A-number is a short code or an
     * alphanumeric originator, with or without a senderId. Valid only as SMS.
     */
    static final List<String> A2P_SMS = List.of(
            "{\"eventId\":\"a2p-1\",\"type\":\"SMS\"," + HEAD + ",\"direction\":\"MT\","
                    + "\"aNumber\":\"72555\",\"bNumber\":\"+447700900001\"}",
            "{\"eventId\":\"a2p-2\",\"type\":\"SMS\"," + HEAD + ",\"direction\":\"MT\","
                    + "\"aNumber\":\"MyBank\",\"bNumber\":\"+447700900001\",\"imsi\":\"234150000000001\","
                    + "\"cellId\":\"c-9\",\"trunk\":\"SMSC-2\",\"senderId\":\"MyBank\"}",
            "{\"eventId\":\"a2p-3\",\"type\":\"SMS\"," + HEAD + ",\"direction\":\"MT\","
                    + "\"aNumber\":\"HSBC UK\",\"bNumber\":\"+447700900001\",\"roaming\":false}",
            "{\"eventId\":\"a2p-4\",\"type\":\"SMS\"," + HEAD + ",\"direction\":\"MO\","
                    + "\"aNumber\":\"OTPHUB7\",\"bNumber\":\"+23276123456\",\"senderId\":\"OTPHUB7\"}");

    static final Map<EventType, List<String>> REQUIRED = Map.of(
            EventType.VOICE, List.of("direction", "aNumber", "bNumber"),
            EventType.SMS, List.of("direction", "aNumber", "bNumber"),
            EventType.DATA, List.of(),
            EventType.SIP, List.of("method", "sourceIp"),
            EventType.SS7, List.of("operation", "callingGt"),
            EventType.DIAMETER, List.of("command", "originRealm"),
            EventType.SIM_SWAP, List.of("newImsi", "channel"),
            EventType.CALL_FORWARD, List.of("condition", "active"),
            EventType.SUBSCRIPTION, List.of("plan", "channel"));

    private Samples() {
    }

    static ObjectNode full(EventType type) {
        return node(FULL.get(type));
    }

    static ObjectNode node(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A full voice line with one field replaced; {@code value} is raw JSON text. */
    static String voiceWith(String field, String rawJsonValue) {
        return with(EventType.VOICE, field, rawJsonValue);
    }

    static String with(EventType type, String field, String rawJsonValue) {
        ObjectNode n = full(type);
        try {
            n.set(field, MAPPER.readTree(rawJsonValue));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(rawJsonValue, e);
        }
        return json(n);
    }

    static String without(EventType type, String field) {
        ObjectNode n = full(type);
        n.remove(field);
        return json(n);
    }
}
