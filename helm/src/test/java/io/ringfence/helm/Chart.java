package io.ringfence.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** The chart in this module, rendered by Helm's own engine (helm template) for one values file. */
final class Chart {
    static final Path DIR = Path.of("ringfence").toAbsolutePath();
    static final String[] ENVIRONMENTS = {"dev", "staging", "prod"};

    private Chart() {
    }

    static Path values(String environment) {
        Path p = DIR.resolve("values-" + environment + ".yaml");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no values file " + p);
        }
        return p;
    }

    /** helm template ringfence ringfence -n fraud -f values-ENV.yaml [--set k=v ...] */
    static String render(String environment, Map<String, String> sets) {
        TemplateCommand template = new Helm(DIR).template()
                .withName("ringfence")
                .withNamespace("fraud")
                .withValuesFile(values(environment));
        sets.forEach(template::set);
        return template.call();
    }

    /**
     * A copy of the chart whose values.yaml is the environment's values merged over the defaults, as
     * {@code -f values-ENV.yaml} would: helm-java's lint takes no values file.
     */
    static Path withValuesOf(String environment, Path dir) throws IOException {
        Path copy = dir.resolve("ringfence");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(DIR.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode merged = merge(yaml.readTree(DIR.resolve("values.yaml").toFile()), yaml.readTree(values(environment).toFile()));
        yaml.writeValue(copy.resolve("values.yaml").toFile(), merged);
        return copy;
    }

    /** Helm's merge: maps merge key by key, anything else (lists included) is replaced. */
    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode b) || !override.isObject()) {
            return override;
        }
        ObjectNode out = b.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), out.has(e.getKey()) ? merge(out.get(e.getKey()), e.getValue()) : e.getValue());
        }
        return out;
    }

    static String render(String environment) {
        return render(environment, Map.of());
    }
}
