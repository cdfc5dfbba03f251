package io.ringfence.backtest;

import java.time.Instant;
import java.util.UUID;

/**
 * One backtest job as stored: what it compares, where it stands, and (once DONE) its summary as JSON.
 *
 * @param from      the range of the history it runs on; for an uploaded file, its first event's time
 * @param to        the range's end (not included); for an uploaded file, just after its last event
 * @param inputJson null for a range of the history; the uploaded file's {@link EventsUpload.Input} as JSON
 */
record Backtest(UUID backtestId, UUID changeId, String kind, String liveVersion, String draftVersion, Instant from,
                Instant to, Status status, String requestedBy, Instant requestedAt, Instant startedAt,
                Instant finishedAt, long eventsDone, Long eventsTotal, String reason, String summaryJson,
                String inputJson) {

    enum Status {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }
}
