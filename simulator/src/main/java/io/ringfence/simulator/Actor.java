package io.ringfence.simulator;

import io.ringfence.event.TelecomEvent;

import java.util.Comparator;
import java.util.PriorityQueue;

/** A source of events in time order: a subscriber going about its day, or a scripted incident. */
abstract class Actor {
    static final Comparator<TelecomEvent> BY_TIME = Comparator.comparingLong(TelecomEvent::getTimestampMillis)
            .thenComparing(TelecomEvent::getEventId);

    protected final PriorityQueue<TelecomEvent> pending = new PriorityQueue<>(BY_TIME);

    /** Generates more events into {@link #pending}; leaves it empty when the actor is done. */
    protected abstract void refill();

    final TelecomEvent peek() {
        if (pending.isEmpty()) {
            refill();
        }
        return pending.peek();
    }

    final TelecomEvent poll() {
        TelecomEvent e = peek();
        if (e != null) {
            pending.poll();
        }
        return e;
    }
}
