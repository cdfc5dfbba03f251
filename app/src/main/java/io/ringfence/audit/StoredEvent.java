package io.ringfence.audit;

/**
 * An accepted event as the history keeps it.
 *
 * @param json the event as it was consumed (the contract's JSON)
 */
public record StoredEvent(String eventId, String subscriber, String type, long eventTimeMillis, int partition,
                          long offset, String json) {
}
