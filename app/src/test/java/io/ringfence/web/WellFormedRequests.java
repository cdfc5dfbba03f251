package io.ringfence.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.web.ApiOperations.Operation;
import io.ringfence.web.ApiOperations.Parameter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A request each operation's OpenAPI description allows, built from its parameters' and body's schemas with a
 * seeded random: the starting point that the hostile-client suite then spoils one way at a time, so that each
 * spoiled request gets as far into the service as the spoiling allows.
 */
final class WellFormedRequests {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;
    private final Random random;

    WellFormedRequests(JsonNode document, Random random) {
        this.document = document;
        this.random = random;
    }

    RawRequest of(Operation op) {
        String path = op.path();
        for (Parameter p : op.in("path")) {
            path = path.replace("{" + p.name() + "}", encode(stringValue(p.name(), p.schema())));
        }
        RawRequest r = new RawRequest(op.method(), path).header("Accept", "*/*");
        for (Parameter p : op.in("query")) {
            if (p.required() || random.nextBoolean()) {
                r.query(encode(p.name()) + "=" + encode(text(value(p.name(), p.schema(), 0))));
            }
        }
        if (!op.bodyTypes().isEmpty()) {
            String type = op.bodyTypes().get(random.nextInt(op.bodyTypes().size()));
            r.body(type, body(type, op.bodySchema()));
        }
        return r;
    }

    String body(String type, JsonNode schema) {
        if (type.contains("csv")) {
            return "value,note\n" + msisdn() + ",seen in a hostile-client test\n";
        }
        if (type.contains("xml")) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
                    + " id=\"d\" name=\"d\" namespace=\"urn:fuzz\"/>";
        }
        JsonNode value = value("body", schema, 0);
        return value.isTextual() && !type.contains("json") ? value.asText() : value.toString();
    }

    /** A value the schema allows; strings are given a shape their name suggests. */
    JsonNode value(String name, JsonNode schemaOrRef, int depth) {
        JsonNode schema = ApiOperations.resolve(document, schemaOrRef);
        if (schema == null || schema.isMissingNode() || depth > 6) {
            return NODES.textNode("x");
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        JsonNode oneOf = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
        if (oneOf != null && !oneOf.isEmpty()) {
            return value(name, oneOf.get(random.nextInt(oneOf.size())), depth + 1);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "integer" -> NODES.numberNode(smallNumber(name));
            case "number" -> NODES.numberNode(random.nextInt(1000) / 100.0);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    a.add(value(name, schema.path("items"), depth + 1));
                }
                yield a;
            }
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> f = schema.path("properties").fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = f.next();
                    o.set(field.getKey(), value(field.getKey(), field.getValue(), depth + 1));
                }
                yield o;
            }
            default -> NODES.textNode(stringValue(name, schema));
        };
    }

    private int smallNumber(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("page") ? random.nextInt(3) : n.equals("size") || n.equals("limit") ? 1 + random.nextInt(50)
                : random.nextInt(100);
    }

    private String stringValue(String name, JsonNode schema) {
        String format = schema == null ? "" : schema.path("format").asText("");
        String n = name.toLowerCase(Locale.ROOT);
        if (format.equals("uuid") || n.endsWith("caseid")) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        if (format.equals("date-time") || n.equals("from") || n.equals("to") || n.endsWith("after") || n.endsWith("before")
                || n.equals("timestamp")) {
            return "2026-12-0" + (1 + random.nextInt(5)) + "T10:00:00Z";
        }
        if (n.equals("olderthan")) {
            return "PT" + (1 + random.nextInt(48)) + "H";
        }
        if (n.equals("list")) {
            return random.nextBoolean() ? "deny-msisdn" : "allow-msisdn";
        }
        if (n.contains("subscriber") || n.equals("a") || n.equals("b") || n.equals("value") || n.contains("msisdn")) {
            return msisdn();
        }
        return "fuzz" + random.nextInt(1000);
    }

    private String msisdn() {
        return "+4477009" + (10000 + random.nextInt(90000));
    }

    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
