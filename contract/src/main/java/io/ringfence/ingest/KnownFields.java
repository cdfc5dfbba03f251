package io.ringfence.ingest;

import io.ringfence.event.EventType;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract's field names per type. The writer needs them to keep an extra from shadowing a
 * real field; the tests hold the reader, the writer and the schema to this list.
 */
final class KnownFields {
    static final List<String> COMMON = List.of("eventId", "type", "timestamp", "subscriber");

    private static final Map<EventType, Set<String>> BY_TYPE = new EnumMap<>(EventType.class);

    static {
        List<String> cdr = List.of("direction", "aNumber", "bNumber", "imsi", "imei", "cellId",
                "roaming", "visitedPlmn", "trunk", "chargeAmount");
        put(EventType.VOICE, cdr, List.of("answered", "ringSeconds", "durationSeconds"));
        put(EventType.SMS, cdr, List.of("senderId"));
        put(EventType.DATA, List.of("imsi", "imei", "cellId", "bytesUp", "bytesDown", "roaming", "visitedPlmn"));
        put(EventType.SIP, List.of("method", "responseCode", "sourceIp", "userAgent", "fromUri", "toUri", "trunk"));
        put(EventType.SS7, List.of("operation", "callingGt", "calledGt", "imsi"));
        put(EventType.DIAMETER, List.of("command", "originHost", "originRealm", "imsi"));
        put(EventType.SIM_SWAP, List.of("oldImsi", "newImsi", "channel", "agentId"));
        put(EventType.CALL_FORWARD, List.of("forwardTo", "condition", "active"));
        put(EventType.SUBSCRIPTION, List.of("plan", "customerId", "channel", "idDocumentHash"));
    }

    @SafeVarargs
    private static void put(EventType type, List<String>... groups) {
        Set<String> names = new LinkedHashSet<>(COMMON);
        for (List<String> g : groups) {
            names.addAll(g);
        }
        BY_TYPE.put(type, Set.copyOf(names));
    }

    private KnownFields() {
    }

    static Set<String> of(EventType type) {
        return BY_TYPE.get(type);
    }
}
