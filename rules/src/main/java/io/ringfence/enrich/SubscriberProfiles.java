package io.ringfence.enrich;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The profiles of the subscribers one pipeline sees. Bounded by idleness: a sweep on event time drops
 * profiles not seen for the retention period, so state tracks the active base, not all history.
 * Not thread-safe: each pipeline (one per replay, one per partition in streaming) owns its own.
 */
public final class SubscriberProfiles {
    private final Map<String, SubscriberProfile> profiles = new HashMap<>();
    private final long retentionMillis;
    private long nextSweepMillis = Long.MIN_VALUE;

    public SubscriberProfiles(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    SubscriberProfile get(String subscriber) {
        return profiles.get(subscriber);
    }

    SubscriberProfile getOrCreate(String subscriber) {
        return profiles.computeIfAbsent(subscriber, s -> new SubscriberProfile());
    }

    public int size() {
        return profiles.size();
    }

    /** Called with each event's time; sweeps at most once per tenth of the retention period. */
    void advance(long nowMillis) {
        if (nowMillis < nextSweepMillis) {
            return;
        }
        if (nextSweepMillis != Long.MIN_VALUE) {
            long cutoff = nowMillis - retentionMillis;
            for (Iterator<SubscriberProfile> it = profiles.values().iterator(); it.hasNext(); ) {
                if (it.next().lastSeenMillis < cutoff) {
                    it.remove();
                }
            }
        }
        nextSweepMillis = nowMillis + retentionMillis / 10;
    }
}
