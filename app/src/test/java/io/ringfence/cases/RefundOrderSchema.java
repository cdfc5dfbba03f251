package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The refund order's published schema (docs/schemas/refund-order.schema.json), to hold the orders sent to it; and
 * billing's acknowledgement's (refund-acknowledgement.schema.json), to hold the parser to it.
 */
final class RefundOrderSchema {
    private static final JsonSchema SCHEMA = load("refund-order.schema.json");
    private static final JsonSchema ACK = load("refund-acknowledgement.schema.json");

    private RefundOrderSchema() {
    }

    static Set<ValidationMessage> violations(JsonNode order) {
        return SCHEMA.validate(order);
    }

    static Set<ValidationMessage> ackViolations(JsonNode ack) {
        return ACK.validate(ack);
    }

    private static JsonSchema load(String name) {
        try {
            String text = Files.readString(Path.of("..", "docs", "schemas", name));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, InputFormat.JSON, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
