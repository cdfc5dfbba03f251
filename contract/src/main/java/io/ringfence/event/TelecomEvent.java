package io.ringfence.event;

import java.time.Instant;
import java.util.Map;

/**
 * One contract event. Parsed fields are immutable; the {@code Enrichment} is filled once by the
 * enrich stage before the event reaches the rules, so DRL constraints stay cheap field reads.
 */
public abstract class TelecomEvent {
    private final String eventId;
    private final long timestampMillis;
    private final String subscriber;
    private final Map<String, Object> extras;
    private final Enrichment enrichment = new Enrichment();

    protected TelecomEvent(Common common) {
        this.eventId = common.eventId();
        this.timestampMillis = common.timestampMillis();
        this.subscriber = common.subscriber();
        this.extras = common.extras() == null ? Map.of() : common.extras();
    }

    public abstract EventType getType();

    public String getEventId() { return eventId; }

    /** Event time in epoch milliseconds: the CEP session's clock and windows run on it. */
    public long getTimestampMillis() { return timestampMillis; }

    public Instant getTimestamp() { return Instant.ofEpochMilli(timestampMillis); }

    public String getSubscriber() { return subscriber; }

    /** Unknown fields of the incoming object: kept for the audit record, ignored by detection. */
    public Map<String, Object> getExtras() { return extras; }

    public Enrichment getEnrichment() { return enrichment; }

    @Override
    public String toString() {
        return getType() + "[" + eventId + " @" + getTimestamp() + "]";
    }

    /** The fields every event carries, grouped so that subclass constructors stay short. */
    public record Common(String eventId, long timestampMillis, String subscriber, Map<String, Object> extras) {
        public Common(String eventId, long timestampMillis, String subscriber) {
            this(eventId, timestampMillis, subscriber, Map.of());
        }
    }
}
