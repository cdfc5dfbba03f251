package io.ringfence.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The contract's timestamps: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} followed by {@code Z} or
 * {@code +00:00}. Hand-written because {@code DateTimeFormatter} costs about a microsecond per
 * call, which would be most of an event's parse budget, and because it accepts offsets the
 * contract does not.
 */
public final class IsoInstants {
    static final long MALFORMED = Long.MIN_VALUE;
    static final long NOT_UTC = Long.MIN_VALUE + 1;
    static final long NO_SUCH_DATE = Long.MIN_VALUE + 2;

    private IsoInstants() {
    }

    /**
     * Epoch milliseconds of a contract timestamp; digits after the milliseconds are truncated.
     *
     * @throws IllegalArgumentException when {@code s} is not a UTC instant of the contract's form
     */
    public static long parseMillis(CharSequence s) {
        long millis = parse(s);
        if (millis <= NO_SUCH_DATE) {
            throw new IllegalArgumentException(problem(millis) + ": " + s);
        }
        return millis;
    }

    static String problem(long code) {
        if (code == NOT_UTC) {
            return "not UTC: the offset must be 'Z' or '+00:00'";
        }
        if (code == NO_SUCH_DATE) {
            return "no such date or time";
        }
        return "not an ISO-8601 instant like 2026-03-01T12:00:00.123Z";
    }

    /** Epoch milliseconds, or one of the codes {@link #MALFORMED}, {@link #NOT_UTC}, {@link #NO_SUCH_DATE}. */
    static long parse(CharSequence s) {
        int n = s.length();
        if (n < 19 || n > 35 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return MALFORMED;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return MALFORMED;
        }
        int pos = 19;
        int millis = 0;
        if (pos < n && s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                if (pos - start < 3) {
                    millis = millis * 10 + (s.charAt(pos) - '0');
                }
                pos++;
            }
            int fractionDigits = pos - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return MALFORMED;
            }
            for (int i = fractionDigits; i < 3; i++) {
                millis *= 10;
            }
        }
        int rest = n - pos;
        if (rest == 1 && s.charAt(pos) == 'Z') {
            // UTC
        } else if (rest == 6 && "+00:00".contentEquals(s.subSequence(pos, n))) {
            // UTC written as an offset
        } else if (rest == 0 || (rest == 6 && (s.charAt(pos) == '+' || s.charAt(pos) == '-'))) {
            return NOT_UTC;
        } else {
            return MALFORMED;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return NO_SUCH_DATE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NO_SUCH_DATE;
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, always with milliseconds so that lines sort and diff well.
     *
     * @throws IllegalArgumentException for instants outside the years 0000-9999, which the
     *                                  contract's four-digit years cannot express
     */
    public static String format(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        long epochDay = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date;
        try {
            date = LocalDate.ofEpochDay(epochDay);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timestamp out of range: " + epochMillis, e);
        }
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("timestamp outside the years 0000-9999: " + epochMillis);
        }
        char[] b = new char[24];
        put(b, 0, year, 4);
        b[4] = '-';
        put(b, 5, date.getMonthValue(), 2);
        b[7] = '-';
        put(b, 8, date.getDayOfMonth(), 2);
        b[10] = 'T';
        put(b, 11, secondOfDay / 3600, 2);
        b[13] = ':';
        put(b, 14, secondOfDay / 60 % 60, 2);
        b[16] = ':';
        put(b, 17, secondOfDay % 60, 2);
        b[19] = '.';
        put(b, 20, millis, 3);
        b[23] = 'Z';
        return new String(b);
    }

    private static void put(char[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
