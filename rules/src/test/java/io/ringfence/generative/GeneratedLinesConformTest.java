package io.ringfence.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.ringfence.ingest.EventParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator speaks the contract: every line it writes is valid against the schema copy and
 * accepted by the parser, the A2P messages whose originator is a short code or a name included.
 * Without this, a generative run that never fails might only mean its lines never got past the parser.
 */
class GeneratedLinesConformTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyLineIsAContractEvent() throws IOException {
        String text = Files.readString(Path.of("..", "docs", "schemas", "telecom-event.schema.json"));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text,
                InputFormat.JSON, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        EventParser parser = new EventParser();
        List<String> wrong = new ArrayList<>();
        int a2pOriginators = 0;
        int lines = 0;
        for (long seed = 1; seed <= 3; seed++) {
            for (String line : DayGenerator.day(seed).lines()) {
                lines++;
                JsonNode json = MAPPER.readTree(line);
                if (a2pOriginator(json)) {
                    a2pOriginators++;
                }
                var errors = schema.validate(json);
                var parsed = parser.parse(line);
                if (!errors.isEmpty() || !parsed.isAccepted()) {
                    wrong.add(line + "\n  schema: " + errors + "\n  parser: " + parsed.describe());
                }
            }
        }
        assertThat(wrong).as("of %d lines", lines).isEmpty();
        assertThat(a2pOriginators).as("short-code and alphanumeric originators generated").isPositive();
    }

    private static boolean a2pOriginator(JsonNode json) {
        return "SMS".equals(json.path("type").asText()) && !json.path("aNumber").asText().startsWith("+");
    }
}
