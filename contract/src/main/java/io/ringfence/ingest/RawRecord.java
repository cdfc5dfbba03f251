package io.ringfence.ingest;

import io.ringfence.event.Direction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of one event object, taken out one by one by the typed readers. What is left at
 * the end are the unknown fields, which become the event's extras in their original order.
 */
final class RawRecord {
    /** Stands for JSON null, so that a missing member ({@code null} from the map) stays distinguishable. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final LinkedHashMap<String, Object> members;

    RawRecord(LinkedHashMap<String, Object> members) {
        this.members = members;
    }

    /** A string member; null when optional and absent or JSON null. */
    String string(String name, boolean required, Format format) {
        Object v = members.remove(name);
        if (v == null || v == NULL) {
            return absent(name, required, v);
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a string", v);
        }
        String problem = format.problem(s);
        if (problem != null) {
            throw new FieldException(name, problem);
        }
        return s;
    }

    /** One of a fixed set of codes; returns the canonical constant so that rules may compare by identity. */
    String code(String name, boolean required, String... allowed) {
        Object v = members.remove(name);
        if (v == null || v == NULL) {
            return absent(name, required, v);
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a string", v);
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return a;
            }
        }
        throw new FieldException(name, "must be one of " + String.join(", ", allowed) + " (got " + Syntax.quote(s) + ")");
    }

    Direction direction(String name) {
        return code(name, true, "MO", "MT").equals("MO") ? Direction.MO : Direction.MT;
    }

    long timestamp(String name) {
        String s = string(name, true, value -> null);
        long millis = IsoInstants.parse(s);
        if (millis <= IsoInstants.NO_SUCH_DATE) {
            throw new FieldException(name, IsoInstants.problem(millis) + " (got " + Syntax.quote(s) + ")");
        }
        return millis;
    }

    Boolean bool(String name, boolean required) {
        Object v = members.remove(name);
        if (v == null || v == NULL) {
            return absent(name, required, v);
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(name, "a boolean", v);
        }
        return b;
    }

    boolean bool(String name, boolean required, boolean fallback) {
        Boolean b = bool(name, required);
        return b == null ? fallback : b;
    }

    /** Any JSON number within [min, max]; null when absent. */
    Double number(String name, double min, double max) {
        Object v = members.remove(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw wrongType(name, "a number", v);
        }
        return inRange(name, n.doubleValue(), min, max);
    }

    /**
     * An integer within [min, max]. As in JSON Schema, {@code 2.0} is an integer and {@code 2.5} is not.
     */
    long integer(String name, long min, long max, long fallback) {
        Object v = members.remove(name);
        if (v == null || v == NULL) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw wrongType(name, "an integer", v);
        }
        double d = n.doubleValue();
        if (v instanceof Double && d != Math.rint(d)) {
            throw new FieldException(name, "expected an integer, got a fraction");
        }
        inRange(name, d, min, max);
        // In range, so the value is below 2^53 and exact as a double.
        return v instanceof Double ? (long) d : n.longValue();
    }

    private static double inRange(String name, double d, double min, double max) {
        if (d < min) {
            throw new FieldException(name, min == 0 ? "must not be negative" : "below the minimum " + plain(min));
        }
        if (d > max) {
            throw new FieldException(name, "over the maximum " + plain(max));
        }
        return d + 0.0; // -0.0 becomes 0.0, which is what a writer puts back
    }

    /** Extras count toward {@link EventLimits#MAX_FIELDS} already; here their values get their own limits. */
    Map<String, Object> extras() {
        if (members.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, Object> e : members.entrySet()) {
            Object v = e.getValue();
            if (v == NULL) {
                e.setValue(null);
            } else if (v instanceof String s) {
                ObjectReader.checkExtraString(safe(e.getKey()), s);
            }
        }
        return Collections.unmodifiableMap(members);
    }

    private static <T> T absent(String name, boolean required, Object v) {
        if (required) {
            throw new FieldException(name, v == null ? "missing required field" : "must not be null");
        }
        return null;
    }

    private static FieldException wrongType(String name, String expected, Object v) {
        String got;
        if (v instanceof String) {
            got = "a string";
        } else if (v instanceof Number) {
            got = "a number";
        } else if (v instanceof Boolean) {
            got = "a boolean";
        } else if (v instanceof Map) {
            got = "an object";
        } else {
            got = "an array";
        }
        return new FieldException(name, "expected " + expected + ", got " + got);
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String safe(String name) {
        String q = Syntax.quote(name);
        return q.substring(1, q.length() - 1);
    }
}
