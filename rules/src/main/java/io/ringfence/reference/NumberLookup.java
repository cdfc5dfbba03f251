package io.ringfence.reference;

import io.ringfence.event.NumberLookupAnswer;

/**
 * An external number-intelligence service: an HLR or number-portability lookup, or a vendor's API. This is
 * the plug point: an operator writes one for its provider (the service ships {@code HttpNumberLookup} for a
 * plain JSON-over-HTTP contract). It is never called on the stream's thread; {@link CachedNumberLookup} calls
 * it on its own threads and the stream reads only what has already been answered.
 */
public interface NumberLookup {
    /** The name every answer carries, e.g. {@code hlr:acme}: change it when the provider or its contract changes. */
    String source();

    /**
     * Asks the service about one E.164 number. May block up to the timeout it was configured with; an exception
     * is a failed lookup (retried later), not an answer.
     */
    NumberLookupAnswer lookup(String e164) throws Exception;
}
