package io.ringfence.pipeline;

import java.util.HashSet;
import java.util.Set;

/**
 * The event ids seen within a horizon of event time, in two rotating generations: memory follows the
 * event rate times the horizon, not the length of the stream. Kafka redeliveries after a crash or a
 * rebalance arrive close to the original in event time, well within the horizon; a copy arriving
 * later than that is processed again (the decision layer's idempotent blocks are the second guard).
 */
final class RecentEventIds {
    static final long DEFAULT_HORIZON_MILLIS = 10 * 60_000L;

    private final long generationMillis;
    private Set<String> current = new HashSet<>();
    private Set<String> previous = new HashSet<>();
    private long generationEnd = Long.MIN_VALUE;

    RecentEventIds(long horizonMillis) {
        this.generationMillis = Math.max(1, horizonMillis);
    }

    boolean firstTime(String eventId, long eventTimeMillis) {
        if (generationEnd == Long.MIN_VALUE) {
            generationEnd = eventTimeMillis + generationMillis;
        } else if (eventTimeMillis >= generationEnd) {
            previous = eventTimeMillis >= generationEnd + generationMillis ? new HashSet<>() : current;
            current = new HashSet<>();
            generationEnd = eventTimeMillis + generationMillis;
        }
        if (previous.contains(eventId)) {
            return false;
        }
        return current.add(eventId);
    }
}
