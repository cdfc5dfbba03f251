package io.ringfence.simulator;

import io.ringfence.event.TelecomEvent;

/** An incident written up front: a handful to a few thousand events. */
final class ScriptedActor extends Actor {
    void add(TelecomEvent e) {
        pending.add(e);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    @Override
    protected void refill() {
        // everything was added up front
    }
}
