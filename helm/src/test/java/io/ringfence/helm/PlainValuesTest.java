package io.ringfence.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No values file carries a credential. A key that speaks of passwords, secrets, tokens or keys may
 * only name a Secret ({@code existingSecret}, {@code caSecret}) or a key inside one ({@code passwordKey}),
 * and then its value is a Kubernetes name, not a credential.
 */
class PlainValuesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SENSITIVE = "(?i).*(password|secret|token|credential|pseudonym|jaas).*";
    private static final String KUBERNETES_NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

    @Test
    void valuesFilesHoldSecretNamesNeverSecretValues() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Chart.DIR)) {
            files = s.filter(p -> p.getFileName().toString().matches("values.*\\.yaml")).sorted().toList();
        }
        assertThat(files).hasSize(4);
        List<String> offending = new ArrayList<>();
        int references = 0;
        for (Path f : files) {
            List<Map.Entry<String, JsonNode>> leaves = new ArrayList<>();
            leaves(YAML.readTree(f.toFile()), "", leaves);
            for (Map.Entry<String, JsonNode> leaf : leaves) {
                String key = leaf.getKey().substring(leaf.getKey().lastIndexOf('.') + 1);
                if (!leaf.getKey().matches(SENSITIVE)) {
                    continue;
                }
                String value = leaf.getValue().asText();
                boolean namesASecretOrKey = key.endsWith("Secret") || key.endsWith("Key");
                if (!namesASecretOrKey || !(value.isEmpty() || value.matches(KUBERNETES_NAME))) {
                    offending.add(f.getFileName() + ": " + leaf.getKey() + "=" + value);
                } else if (!value.isEmpty()) {
                    references++;
                }
            }
        }
        assertThat(offending).isEmpty();
        assertThat(references).as("the files do name their Secrets").isGreaterThan(10);
    }

    @Test
    void theCheckCatchesAPasswordWrittenIntoValues() throws IOException {
        List<Map.Entry<String, JsonNode>> leaves = new ArrayList<>();
        leaves(YAML.readTree("postgresql:\n  password: hunter2\n"), "", leaves);
        assertThat(leaves).singleElement().satisfies(l -> {
            assertThat(l.getKey()).matches(SENSITIVE);
            assertThat(l.getKey()).doesNotEndWith("Secret").doesNotEndWith("Key");
        });
    }

    private static void leaves(JsonNode node, String path, List<Map.Entry<String, JsonNode>> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(Map.entry(path, node));
        }
    }
}
