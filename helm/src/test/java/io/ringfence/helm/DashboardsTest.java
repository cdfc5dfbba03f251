package io.ringfence.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards are well-formed: unique uids and panel ids, panels that do not overlap, every
 * query on the datasource variable and filtered to the chosen namespace. That the metric names exist
 * is checked against the service's real /actuator/prometheus output (app: FaultBarrierStreamTest).
 */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dashboardsAreWellFormed() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Chart.DIR.resolve("files/dashboards"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(3);
        Set<String> uids = new HashSet<>();
        int queries = 0;
        for (Path f : files) {
            JsonNode d = JSON.readTree(f.toFile());
            assertThat(uids.add(d.path("uid").asText())).as("unique uid " + f).isTrue();
            Set<Integer> ids = new HashSet<>();
            Set<String> cells = new HashSet<>();
            for (JsonNode p : d.path("panels")) {
                assertThat(ids.add(p.path("id").asInt())).as(f + " panel id " + p.path("id")).isTrue();
                JsonNode pos = p.path("gridPos");
                for (int x = pos.path("x").asInt(); x < pos.path("x").asInt() + pos.path("w").asInt(); x++) {
                    for (int y = pos.path("y").asInt(); y < pos.path("y").asInt() + pos.path("h").asInt(); y++) {
                        assertThat(cells.add(x + "," + y)).as(f + ": " + p.path("title") + " overlaps").isTrue();
                    }
                }
                assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(p.path("targets")).isNotEmpty();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("expr").asText()).as(f + ": " + p.path("title")).contains("namespace=\"$namespace\"");
                    queries++;
                }
            }
        }
        assertThat(queries).isGreaterThan(30);
    }
}
