package io.ringfence.backtest;

import java.util.UUID;

/** A backtest in this instance's hands: what to run, and the flag a cancel sets. */
final class Job {
    /** Told after each progress write (tests stop a job at a known point with it). */
    interface Listener {
        void progress(Job job, long eventsDone);

        Listener NONE = (job, done) -> {
        };
    }

    final UUID id;
    final Events events;
    final SideBySide.Versions live;
    final SideBySide.Versions draft;
    private volatile String cancelled;

    Job(UUID id, Events events, SideBySide.Versions live, SideBySide.Versions draft) {
        this.id = id;
        this.events = events;
        this.live = live;
        this.draft = draft;
    }

    /** @param why what the job's reason will say, with the events done so far */
    void cancel(String why) {
        cancelled = why;
    }

    boolean cancelled() {
        return cancelled != null;
    }

    String cancelReason() {
        return cancelled;
    }
}
