package io.ringfence.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ringfence.ingest.EventLimits.*;

/**
 * Reads one JSON object into a {@link RawRecord} with Jackson's streaming parser, enforcing the
 * structural limits (nesting, member count, names, duplicates, trailing data). Field semantics are
 * left to {@link EventReaders}, because they depend on {@code type}, which may come last.
 */
final class ObjectReader {
    private final JsonParser parser;
    private boolean objectComplete;

    private ObjectReader(JsonParser parser) {
        this.parser = parser;
    }

    static RawRecord read(byte[] buf, int off, int len) {
        try (JsonParser parser = JsonSupport.FACTORY.createParser(buf, off, len)) {
            return new ObjectReader(parser).readRecord();
        } catch (IOException e) {
            // A byte-array source does no I/O; only the compiler needs this.
            throw new FieldException(null, "I/O error: " + e.getMessage());
        }
    }

    private RawRecord readRecord() {
        try {
            return readTopLevel();
        } catch (StreamConstraintsException e) {
            throw new FieldException(fieldName(), constraintReason(e));
        } catch (JsonProcessingException e) {
            if (objectComplete) {
                throw new FieldException(null, "trailing data after the JSON object");
            }
            String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw new FieldException(null, "not valid JSON: " + shorten(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            throw new FieldException(null, "not valid JSON: " + shorten(e.getMessage()));
        }
    }

    private RawRecord readTopLevel() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new FieldException(null, "empty line");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new FieldException(null, "not a JSON object (found " + describe(t) + ")");
        }
        LinkedHashMap<String, Object> members = new LinkedHashMap<>(32);
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            checkName(name, null);
            if (members.size() == MAX_FIELDS) {
                throw new FieldException(null, "more than " + MAX_FIELDS + " fields");
            }
            Object value = readValue(parser.nextToken(), 2);
            if (members.put(name, value == null ? RawRecord.NULL : value) != null) {
                throw new FieldException(fieldName(), "duplicate field");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new FieldException(null, "not valid JSON: unexpected end of input");
        }
        objectComplete = true;
        if (parser.nextToken() != null) {
            throw new FieldException(null, "trailing data after the JSON object");
        }
        return new RawRecord(members);
    }

    private Object readValue(JsonToken t, int depth) throws IOException {
        if (t == null) {
            throw new FieldException(null, "not valid JSON: unexpected end of input");
        }
        switch (t) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                double d = parser.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new FieldException(fieldName(), "number out of range");
                }
                return d;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT:
                checkDepth(depth);
                return readNestedObject(depth);
            case START_ARRAY:
                checkDepth(depth);
                return readNestedArray(depth);
            default:
                throw new FieldException(fieldName(), "unexpected " + describe(t));
        }
    }

    /**
     * Nested values can only end up as extras (a known field never takes an object or array), so
     * the extras' rules apply right here.
     */
    private Map<String, Object> readNestedObject(int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            checkName(name, fieldName());
            int before = map.size();
            map.put(name, nestedValue(parser.nextToken(), depth + 1));
            if (map.size() == before) {
                throw new FieldException(fieldName(), "duplicate field " + Syntax.quote(name) + " in nested object");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new FieldException(null, "not valid JSON: unexpected end of input");
        }
        return Collections.unmodifiableMap(map);
    }

    private List<Object> readNestedArray(int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            list.add(nestedValue(t, depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private Object nestedValue(JsonToken t, int depth) throws IOException {
        Object v = readValue(t, depth);
        if (v instanceof String s) {
            checkExtraString(fieldName(), s);
        }
        return v;
    }

    static void checkExtraString(String field, String s) {
        if (s.length() > MAX_EXTRA_STRING_CHARS && Syntax.codePoints(s) > MAX_EXTRA_STRING_CHARS) {
            throw new FieldException(field, "string longer than " + MAX_EXTRA_STRING_CHARS + " characters");
        }
        if (Syntax.hasUnpairedSurrogate(s)) {
            throw new FieldException(field, "contains an unpaired UTF-16 surrogate");
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new FieldException(fieldName(), "nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void checkName(String name, String field) {
        if (name.isEmpty()) {
            throw new FieldException(field, "empty field name");
        }
        if (name.length() > MAX_FIELD_NAME_CHARS && Syntax.codePoints(name) > MAX_FIELD_NAME_CHARS) {
            throw new FieldException(field, "field name " + Syntax.quote(name) + " longer than "
                    + MAX_FIELD_NAME_CHARS + " characters");
        }
        if (Syntax.hasUnpairedSurrogate(name)) {
            throw new FieldException(field, "field name contains an unpaired UTF-16 surrogate");
        }
    }

    /**
     * The top-level field being read, made safe to print (it may be any name the sender chose).
     * Taken from Jackson's context rather than tracked here, because Jackson reads a member's
     * name and the start of its value in one step, so a limit can trip before we see the name.
     */
    private String fieldName() {
        JsonStreamContext ctx = parser.getParsingContext();
        if (ctx == null || ctx.inRoot()) {
            return null;
        }
        while (!ctx.getParent().inRoot()) {
            ctx = ctx.getParent();
        }
        String name = ctx.getCurrentName();
        if (name == null) {
            return null;
        }
        String quoted = Syntax.quote(name);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String constraintReason(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Number value length") || m.startsWith("Number length")) {
            return "number longer than " + MAX_NUMBER_CHARS + " characters";
        }
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        return "limit exceeded: " + shorten(m);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static String shorten(String m) {
        if (m == null) {
            return "unknown error";
        }
        int cut = m.indexOf('\n');
        String line = cut >= 0 ? m.substring(0, cut) : m;
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
