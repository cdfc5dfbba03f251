package io.ringfence.reference;

import io.ringfence.event.NumberLookupAnswer;

/**
 * What the number-intelligence service has answered so far, read by the enrich stage on every event. It never
 * waits: a number not answered yet reads as null (the offline tables decide alone), and asking is the cache's
 * business, not the stream's.
 */
@FunctionalInterface
public interface NumberLookups {
    /** No service configured: the offline tables are the whole of number intelligence. */
    NumberLookups NONE = e164 -> null;

    /** The service's risk figure from which a number counts as high-cost unless the tables already say it is. */
    double DEFAULT_MIN_RISK = 0.5;

    /** The answer held for the number, or null; may start a lookup in the background. */
    NumberLookupAnswer answered(String e164);

    /** From what risk figure the service's answer makes a number high-cost. */
    default double minRisk() {
        return DEFAULT_MIN_RISK;
    }
}
