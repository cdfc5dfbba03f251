package io.ringfence.audit;

import io.ringfence.web.Instants;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the query APIs' parameters; a bad one is a 400 (problem+json) naming it and why. */
final class QueryParameters {
    static final int MAX_SIZE = 1000;
    static final int DEFAULT_SIZE = 50;

    private QueryParameters() {
    }

    record Paging(int page, int size) {
        long offset() {
            return (long) page * size;
        }
    }

    /** An instant ({@code 2026-07-14T10:00:00Z}) or a UTC day ({@code 2026-07-14}, its start); null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad("'" + name + "' must be an ISO-8601 instant such as 2026-07-14T10:00:00Z or a day such as 2026-07-14, got '"
                    + value + "'");
        }
        if (!Instants.queryable(t)) {
            throw bad("'" + name + "' must be " + Instants.RANGE + ", got '" + value + "'");
        }
        return t;
    }

    static void range(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw bad("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
    }

    static Paging paging(String page, String size) {
        int p = integer("page", page, 0);
        int s = integer("size", size, DEFAULT_SIZE);
        if (p < 0) {
            throw bad("'page' must be 0 or more, got " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw bad("'size' must be between 1 and " + MAX_SIZE + ", got " + s);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            // The stores take an int offset: past it the offset wraps round and the database refuses it.
            throw bad("'page' × 'size' must stay below " + Integer.MAX_VALUE + ", got page " + p + " of size " + s);
        }
        return new Paging(p, s);
    }

    static <E extends Enum<E>> String oneOf(String name, String value, Class<E> values) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (E e : values.getEnumConstants()) {
            if (e.name().equals(v)) {
                return v;
            }
        }
        throw bad("'" + name + "' must be one of " + java.util.Arrays.toString(values.getEnumConstants()) + ", got '" + value + "'");
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int integer(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad("'" + name + "' must be a whole number, got '" + value + "'");
        }
    }

    static ResponseStatusException bad(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
