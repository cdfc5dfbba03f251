package io.ringfence.decision;

import io.ringfence.contract.AlertMessage;
import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.pipeline.EventFault;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Connects detection to the decide stage for every driver (replay, the streaming service, backtests).
 * Rule consequences call the listener in the middle of the engine's work, so alerts wait here and are
 * decided when the driver calls {@link #drain} after each event: no scoring, DMN or I/O runs inside the
 * rule engine, and the order of raised, updated and closed alerts is kept.
 */
public final class AlertDecisions implements AlertListener {
    /** Where the driver sends what comes out. */
    public interface Sink {
        /** A decision was made; {@code outcome.emitted()} says whether it goes to the switches. */
        void decided(Decider.Outcome outcome);

        /**
         * An alert was raised or escalated, as published with the score its decision gave it.
         *
         * @param raised true the first time, false for an escalation
         */
        default void alert(AlertMessage alert, boolean raised) {
        }

        /** An alert's incident closed: the alert is final. */
        default void closed(AlertMessage alert) {
        }
    }

    private enum Kind { RAISED, UPDATED, CLOSED }

    private record Pending(Kind kind, Alert alert) {
    }

    private final Decider decider;
    private final Queue<Pending> pending = new ArrayDeque<>();

    public AlertDecisions(Decider decider) {
        this.decider = decider;
    }

    @Override
    public void raised(Alert alert) {
        pending.add(new Pending(Kind.RAISED, alert));
    }

    @Override
    public void updated(Alert alert) {
        pending.add(new Pending(Kind.UPDATED, alert));
    }

    @Override
    public void closed(Alert alert) {
        pending.add(new Pending(Kind.CLOSED, alert));
    }

    /**
     * Rebuilding state from history that was decided before (a partition taken over after a crash or a
     * rebalance): alerts are remembered as decided, nothing is decided or sent.
     */
    public void drainMuted() {
        for (Pending p; (p = pending.poll()) != null; ) {
            if (p.kind() == Kind.CLOSED) {
                decider.closed(p.alert());
            } else {
                decider.remember(p.alert(), p.kind() == Kind.RAISED);
            }
        }
    }

    /**
     * {@link #drain} after the event {@code eventId}: an exception out of deciding is that event's fault
     * (the driver sets it aside and rebuilds, docs/detection.md "Fault barrier").
     */
    public void drainAfter(String eventId, Sink sink) {
        try {
            drain(sink);
        } catch (RuntimeException | StackOverflowError e) {
            throw new EventFault(EventFault.Stage.DECIDE, eventId, null, e);
        }
    }

    /** {@link #drainMuted} after the event {@code eventId}, with the same fault as {@link #drainAfter}. */
    public void drainMutedAfter(String eventId) {
        try {
            drainMuted();
        } catch (RuntimeException | StackOverflowError e) {
            throw new EventFault(EventFault.Stage.DECIDE, eventId, null, e);
        }
    }

    /** Decides what the last event raised and hands everything to the sink, in order. */
    public void drain(Sink sink) {
        for (Pending p; (p = pending.poll()) != null; ) {
            Alert a = p.alert();
            switch (p.kind()) {
                case RAISED -> {
                    Decider.Outcome o = decider.raised(a, a.getLastMatchAt());
                    sink.alert(decider.message(a), true);
                    sink.decided(o);
                }
                case UPDATED -> {
                    Decider.Outcome o = decider.updated(a, a.getLastMatchAt());
                    if (o != null) {
                        sink.alert(decider.message(a), false);
                        sink.decided(o);
                    }
                }
                case CLOSED -> {
                    AlertMessage last = decider.message(a);
                    decider.closed(a);
                    sink.closed(last);
                }
            }
        }
    }
}
