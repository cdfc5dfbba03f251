package io.ringfence.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Shared Jackson set-up for the contract's JSON and the JSON Lines files written and read back. */
public final class JsonLines {
    /** Generators must not close the file they append one line to. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    /**
     * Reads a JSON Lines file with one parser per line; blank lines are skipped.
     *
     * @throws IllegalArgumentException with the file and line number of the first bad line
     */
    public static <T> List<T> readAll(Path file, Function<String, T> parse) throws IOException {
        List<T> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse.apply(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** A generator that leaves {@code out} open. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /**
     * Figures come from rule consequences and can hold any object; numbers, strings and booleans keep
     * their JSON type, anything else is written as its text so one odd figure cannot fail an alert.
     */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }
}
