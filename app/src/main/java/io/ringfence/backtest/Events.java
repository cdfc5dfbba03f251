package io.ringfence.backtest;

import io.ringfence.audit.EventHistoryReader;

import java.time.Instant;

/** What a backtest runs on: a range of the stored event history, or a file an analyst uploaded. */
interface Events {
    /** How many events there are: the measure of the job's progress. */
    long count();

    /** @return false if the visitor stopped the read */
    boolean read(EventHistoryReader.Visitor visitor);

    /** The job has ended: what it held (an uploaded file) can go. */
    default void release() {
    }

    /** The events of [from, to) in the stored history, in event-time order. */
    static Events history(EventHistoryReader reader, Instant from, Instant to, int fetchSize) {
        return new Events() {
            @Override
            public long count() {
                return reader.count(from, to);
            }

            @Override
            public boolean read(EventHistoryReader.Visitor visitor) {
                return reader.inEventTimeOrder(from, to, fetchSize, visitor);
            }
        };
    }
}
