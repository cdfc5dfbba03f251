package io.ringfence.generative;

import io.ringfence.detection.RuleParameters;
import io.ringfence.event.EventType;
import io.ringfence.event.TelecomEvent;

import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;

/** Admitted events still within their retention, by expiry time. */
final class Retained {
    /** Drools expires an event on the first clock tick after its retention, not on the millisecond. */
    private static final long EXPIRY_SLACK_MILLIS = 1_000;

    private final Map<EventType, Long> retention = new EnumMap<>(EventType.class);
    private final PriorityQueue<Long> expiries = new PriorityQueue<>();
    private long lateSinceTick;

    Retained(RuleParameters p) {
        for (EventType t : EventType.values()) {
            String key = switch (t) {
                case VOICE -> "retention.voice";
                case SMS -> "retention.sms";
                case DATA -> "retention.data";
                case SIP -> "retention.sip";
                case SS7, DIAMETER -> "retention.signaling";
                case SIM_SWAP, CALL_FORWARD -> "retention.provisioning";
                case SUBSCRIPTION -> "retention.subscription";
            };
            retention.put(t, p.millis(key));
        }
    }

    void add(TelecomEvent e, long clock, boolean advanced) {
        if (advanced) {
            lateSinceTick = 0;
            while (!expiries.isEmpty() && expiries.peek() < clock) {
                expiries.poll();
            }
        }
        long expiry = e.getTimestampMillis() + retention.get(e.getType()) + EXPIRY_SLACK_MILLIS;
        if (expiry < clock) {
            lateSinceTick++;
        } else {
            expiries.add(expiry);
        }
    }

    long count() {
        return expiries.size() + lateSinceTick;
    }
}
