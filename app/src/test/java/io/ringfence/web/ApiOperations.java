package io.ringfence.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations the service's own OpenAPI document declares, with what a client may send to each: so that the
 * hostile-client suite covers a new endpoint the day it is published, without a list to keep up to date.
 */
final class ApiOperations {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private ApiOperations() {
    }

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * @param bodyTypes the media types the body may have, none for an operation without a body
     * @param bodySchema the first body type's schema, with references resolved on use ({@link #resolve})
     */
    record Operation(String method, String path, String id, List<Parameter> parameters, List<String> bodyTypes,
                     JsonNode bodySchema) {
        boolean writes() {
            return !method.equals("GET");
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Operation> from(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    JsonNode param = resolve(document, p);
                    parameters.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                            param.path("required").asBoolean(false), resolve(document, param.path("schema"))));
                }
                List<String> bodyTypes = new ArrayList<>();
                JsonNode bodySchema = null;
                JsonNode content = resolve(document, op.path("requestBody")).path("content");
                for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
                    String type = types.next();
                    bodyTypes.add(type);
                    if (bodySchema == null) {
                        bodySchema = content.get(type).path("schema");
                    }
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(),
                        op.path("operationId").asText(method + " " + path.getKey()), parameters, bodyTypes, bodySchema));
            }
        }
        return operations;
    }

    /** The node a {@code $ref} names within the document, or the node itself. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode n = node;
        for (int hops = 0; n != null && n.has("$ref") && hops < 16; hops++) {
            n = document.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }
}
