package io.ringfence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.config.DecisionSetup;
import io.ringfence.config.DetectionSetup;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault barrier in replay: events a stage throws on (test-only rules make them throw, in a consequence
 * and in a constraint) are set aside with their stage, rule and reason, and the run's alerts and decisions
 * are exactly those of the same day without them.
 */
class ReplayFaultBarrierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RuleSet poisoned;
    static List<String> day;

    @BeforeAll
    static void aDayAndRulesThatThrowOnSomeOfIt() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>(RuleSetCompiler.defaultSources());
        try (InputStream in = ReplayFaultBarrierTest.class.getResourceAsStream("/fault-barrier/poison.drl")) {
            sources.put("io/ringfence/rules/poison.drl", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        poisoned = RuleSetCompiler.compile("poisoned", sources, RuleParameters.defaults());
        day = new ArrayList<>();
        for (TelecomEvent e : new TrafficSimulator(SimulationConfig.day(23, 300))) {
            day.add(EventJson.toJson(e));
        }
    }

    @Test
    void eventsThatThrowAreSetAsideAndTheRestIsDecidedAsIfTheyWereNotThere() throws IOException {
        List<String> withPoison = new ArrayList<>(day);
        // copies of real events under new ids, early, in the middle and late in the day
        int[] at = {day.size() / 10, day.size() / 2, day.size() * 9 / 10};
        String[] ids = {"poison-c-1", "poison-m-2", "poison-c-3"};
        for (int i = at.length - 1; i >= 0; i--) {
            String original = day.get(at[i]);
            String id = JSON.readTree(original).path("eventId").asText();
            withPoison.add(at[i], original.replace("\"" + id + "\"", "\"" + ids[i] + "\""));
        }

        Run clean = replay(day, "clean");
        Run barrier = replay(withPoison, "barrier");

        assertThat(clean.stats.failed).isZero();
        assertThat(barrier.stats.failed).isEqualTo(3);
        assertThat(barrier.stats.accepted).isEqualTo(clean.stats.accepted + 3);
        assertThat(clean.alerts).as("the day raises alerts at all").isNotEmpty();
        assertThat(barrier.alerts.split("\n")).containsExactly(clean.alerts.split("\n"));
        assertThat(barrier.decisions.split("\n")).containsExactly(clean.decisions.split("\n"));

        List<JsonNode> rejects = new ArrayList<>();
        for (String line : barrier.rejects.split("\n")) {
            rejects.add(JSON.readTree(line));
        }
        assertThat(rejects).hasSize(3);
        assertThat(rejects.get(0).path("line").asLong()).isEqualTo(at[0] + 1);
        assertThat(rejects.get(0).path("stage").asText()).isEqualTo("DETECT");
        assertThat(rejects.get(0).path("rule").asText()).isEqualTo("TEST-THROW");
        assertThat(rejects.get(0).path("reason").asText()).contains("poison-c-1", "rule TEST-THROW",
                "poisoned consequence on poison-c-1");
        assertThat(rejects.get(0).path("raw").asText()).isEqualTo(withPoison.get(at[0]));
        assertThat(rejects.get(1).path("stage").asText()).isEqualTo("DETECT");
        assertThat(rejects.get(1).path("rule").isNull()).as("no rule was firing: the engine was matching").isTrue();
        assertThat(rejects.get(1).path("reason").asText()).contains("poison-m-2", "no rule firing");
        assertThat(rejects.get(2).path("reason").asText()).contains("poison-c-3");

        assertThat(barrier.traces).contains("line " + (at[0] + 1) + ": set aside", "IllegalStateException",
                "poisoned consequence on poison-c-1", "\tat ").contains("NumberFormatException");
    }

    private record Run(ReplayStats stats, String alerts, String decisions, String rejects, String traces) {
    }

    private static Run replay(List<String> lines, String name) throws IOException {
        Path events = dir.resolve(name + ".jsonl");
        Files.write(events, lines);
        Path traces = dir.resolve(name + "-errors.log");
        ByteArrayOutputStream alerts = new ByteArrayOutputStream();
        ByteArrayOutputStream decisions = new ByteArrayOutputStream();
        ByteArrayOutputStream rejects = new ByteArrayOutputStream();
        Replay replay = new Replay(poisoned, DetectionSetup.loadReference(null, null), DecisionSetup.assets(null, null),
                DecisionSetup.segments(null), Progress.onTerminal(new PrintWriter(new StringWriter()), true));
        ReplayStats stats;
        try (Faults faults = new Faults(traces, null)) {
            stats = replay.run(() -> Files.newInputStream(events),
                    new Replay.Outputs(dir.resolve("a"), alerts, dir.resolve("d"), decisions), dir.resolve("r"),
                    new Rejects(rejects), faults);
        }
        return new Run(stats, text(alerts), text(decisions), text(rejects),
                Files.exists(traces) ? Files.readString(traces) : "");
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}
