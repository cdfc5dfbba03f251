package io.ringfence.web;

import java.time.Instant;

/**
 * The instants a query may name. Java's Instant reaches a billion years either way, PostgreSQL's timestamptz
 * stops at 4713 BC and 294276 AD, and anything outside that range is a database error (a 500) rather than an
 * empty answer. Four-digit years are what ISO-8601 promises and what any real query needs.
 */
public final class Instants {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final String RANGE = "between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private Instants() {
    }

    public static boolean queryable(Instant t) {
        return t == null || !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }
}
