package io.ringfence.ingest;

import io.ringfence.event.TelecomEvent;

import java.util.Objects;

/**
 * The outcome of parsing one line. It never holds the original bytes: the caller has them and
 * decides where they go (dead-letter topic, rejects file).
 */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Rejected {

    /** One line for logs and dead-letter records. */
    String describe();

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    record Accepted(TelecomEvent event) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String describe() {
            return "accepted " + event.getType() + " event '" + event.getEventId() + "'";
        }
    }

    /**
     * @param field  the offending top-level field, or null when the record as a whole is bad
     *               (not JSON, too long, invalid UTF-8, ...)
     * @param reason what is wrong, without the field name
     */
    record Rejected(String field, String reason) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return field == null ? reason : "field '" + field + "': " + reason;
        }
    }
}
