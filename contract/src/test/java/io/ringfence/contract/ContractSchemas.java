package io.ringfence.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The project's copy of the contract's schemas (docs/schemas), to hold what the writers write to them. */
final class ContractSchemas {
    static final JsonSchema ALERT = load("alert.schema.json");
    static final JsonSchema DECISION = load("decision.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractSchemas() {
    }

    static Set<ValidationMessage> violations(JsonSchema schema, String json) {
        try {
            return schema.validate(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String name) {
        try {
            String text = Files.readString(Path.of("..", "docs", "schemas", name));
            // "format" is only an annotation in 2020-12 unless asked for; the contract means it.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, InputFormat.JSON, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
