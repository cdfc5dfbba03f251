package io.ringfence.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the contract's JSON back into types: every accessor names the field it could not read, so a
 * bad line or row says what is wrong with it instead of turning into a null somewhere later.
 */
public final class JsonFields {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonFields() {
    }

    /** @throws IllegalArgumentException if {@code json} is not one JSON object */
    public static JsonNode object(String json) {
        JsonNode n;
        try {
            n = JsonLines.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return n;
    }

    /** A string that must be there and not empty. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    /** A string, or null when the field is absent or null. */
    public static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : text(n, field);
    }

    /** An ISO-8601 instant that must be there, in epoch milliseconds. */
    public static long instant(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + s);
        }
    }

    /** An ISO-8601 instant in epoch milliseconds, or null when the field is absent or null. */
    public static Long optionalInstant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : instant(n, field);
    }

    public static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an integer");
        }
        return v.intValue();
    }

    public static Integer optionalInteger(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : integer(n, field);
    }

    public static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not true/false");
        }
        return v.booleanValue();
    }

    /** A number, or null when the field is absent or null. */
    public static Double optionalNumber(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' is not a number");
        }
        return v.doubleValue();
    }

    public static <E extends Enum<E>> E constant(Class<E> type, JsonNode n, String field) {
        String s = text(n, field);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not one of " + List.of(type.getEnumConstants()) + ": " + s);
        }
    }

    /** An array of strings that must be there (it may be empty). */
    public static List<String> texts(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' holds something that is not a string");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** A nested object that must be there. */
    public static JsonNode member(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an object");
        }
        return v;
    }

    /** An object's members as plain Java values (strings, numbers, booleans, maps, lists), in order. */
    public static Map<String, Object> values(JsonNode n, String field) {
        return JsonLines.MAPPER.convertValue(member(n, field), OBJECT);
    }

    public static Target target(JsonNode n, String field) {
        JsonNode t = member(n, field);
        try {
            return new Target(constant(Target.Kind.class, t, "kind"), text(t, "value"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "': " + e.getMessage());
        }
    }
}
