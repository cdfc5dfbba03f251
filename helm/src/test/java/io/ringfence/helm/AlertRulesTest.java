package io.ringfence.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules through Prometheus's own tool: {@code promtool check rules} (syntax, PromQL) and
 * {@code promtool test rules} (each alert fires on the series that should raise it, not on the others).
 * promtool comes from Debian's prometheus package (.ci/run installs it).
 */
class AlertRulesTest {
    static final Path FILES = Chart.DIR.resolve("files");
    static final Path RULES = FILES.resolve("ringfence-alerts.yaml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        String out = promtool("check", "rules", RULES.getFileName().toString());
        assertThat(out).contains("SUCCESS: 12 rules found");
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        String out = promtool("test", "rules", "ringfence-alerts.test.yaml");
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void theChartShipsTheSameRules() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<HasMetadata> objects = StrictManifests.read(Chart.render("prod"));
        PrometheusRule rule = objects.stream().filter(PrometheusRule.class::isInstance).map(PrometheusRule.class::cast)
                .findFirst().orElseThrow();
        var shipped = rule.getSpec().getGroups();
        JsonNode file = yaml.readTree(RULES.toFile()).path("groups");
        assertThat(shipped).hasSize(file.size());
        int rules = 0;
        for (int g = 0; g < file.size(); g++) {
            assertThat(shipped.get(g).getName()).isEqualTo(file.get(g).path("name").asText());
            JsonNode expected = file.get(g).path("rules");
            assertThat(shipped.get(g).getRules()).hasSize(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                var actual = shipped.get(g).getRules().get(r);
                assertThat(actual.getAlert()).isEqualTo(expected.get(r).path("alert").asText());
                assertThat(actual.getExpr().getStrVal().strip()).isEqualTo(expected.get(r).path("expr").asText().strip());
                assertThat(actual.getAnnotations()).containsKey("summary");
                rules++;
            }
        }
        assertThat(rules).isEqualTo(12);
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(FILES.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
