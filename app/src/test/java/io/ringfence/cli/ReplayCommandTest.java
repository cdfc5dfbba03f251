package io.ringfence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.detection.Alert;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulate, then replay, through the real command line in-process. One small simulated day is
 * shared by all tests: simulating is cheap, but each replay compiles the rules.
 */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path events;
    static Path labels;

    @BeforeAll
    static void simulateASmallDay() {
        events = dir.resolve("events.jsonl");
        labels = dir.resolve("labels.jsonl");
        CliRun run = CliRun.of("simulate", "--out", events, "--labels", labels, "--seed", 11,
                "--subscribers", 1000, "--incidents", 2);
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void replayWritesContractAlertsDeterministically() throws IOException {
        Path alerts1 = dir.resolve("alerts1.jsonl");
        Path alerts2 = dir.resolve("alerts2.jsonl");
        Path decisions = dir.resolve("decisions.jsonl");
        Path rejects = dir.resolve("rejects.jsonl");
        Files.writeString(decisions, "stale content from an earlier run\n");

        CliRun first = CliRun.of("replay", "--events", events, "--alerts", alerts1, "--decisions", decisions,
                "--rejects", rejects, "--labels", labels);
        CliRun second = CliRun.of("replay", "--events", events, "--alerts", alerts2,
                "--decisions", dir.resolve("decisions2.jsonl"), "--quiet");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<String> lines = Files.readAllLines(alerts1);
        assertThat(lines).as("alerts").isNotEmpty();
        for (String line : lines) {
            assertContractAlert(JSON.readTree(line), line);
        }
        assertThat(Files.mismatch(alerts1, alerts2)).as("second replay's alerts differ from the first").isEqualTo(-1L);
        assertThat(decisions).exists().isEmptyFile();
        assertThat(rejects).exists().isEmptyFile();

        long simulated = Files.lines(events).count();
        assertThat(first.count("events read")).isEqualTo(simulated);
        assertThat(first.count("accepted")).isEqualTo(simulated);
        assertThat(first.count("rejected")).isZero();
        assertThat(first.out()).contains("Alerts " + lines.size() + " ->").contains("recall").contains("precision");
        assertThat(second.out()).as("--quiet").doesNotContain("events read");
    }

    /** The project's copy of the contract: every alert line must validate against it. */
    private static final com.networknt.schema.JsonSchema ALERT_SCHEMA = com.networknt.schema.JsonSchemaFactory
            .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
            .getSchema(readSchema("alert.schema.json"));

    private static String readSchema(String name) {
        try {
            return Files.readString(Path.of("..", "docs", "schemas", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertContractAlert(JsonNode a, String line) {
        assertThat(ALERT_SCHEMA.validate(a)).as("schema violations in " + line).isEmpty();
        assertThat(a.path("alertId").asText()).as(line).isNotBlank();
        assertThat(Arrays.stream(Typology.values()).map(Enum::name)).as(line).contains(a.path("typology").asText());
        assertThat(Arrays.stream(Subject.Kind.values()).map(Enum::name)).as(line)
                .contains(a.path("subject").path("kind").asText());
        assertThat(a.path("subject").path("value").asText()).as(line).isNotBlank();
        assertThat(a.path("subscriber").asText()).as(line).startsWith("+");
        Instant detected = Instant.parse(a.path("detectedAt").asText());
        Instant first = Instant.parse(a.path("firstEventAt").asText());
        assertThat(first).as(line).isBeforeOrEqualTo(detected);
        assertThat(a.path("detectedAt").asText()).as("millisecond precision: " + line).matches(".*T.*\\.\\d{3}Z");
        assertThat(Arrays.stream(Severity.values()).map(Enum::name)).as(line).contains(a.path("severity").asText());
        assertThat(a.has("score")).as("score is left out until a model computes one: " + line).isFalse();
        assertThat(a.path("ruleId").asText()).as(line).isNotBlank();
        assertThat(a.path("ruleVersion").asText()).as(line).isNotBlank();
        JsonNode ids = a.path("evidence").path("eventIds");
        assertThat(ids.isArray() && ids.size() > 0 && ids.size() <= Alert.MAX_EVIDENCE_EVENTS).as(line).isTrue();
        assertThat(a.path("evidence").path("figures").isObject()).as(line).isTrue();
        assertThat(a.path("rulesFired").isArray() && a.path("rulesFired").size() > 0).as(line).isTrue();
        assertThat(a.path("matches").asInt()).as(line).isPositive();
    }

    @Test
    void hostileLinesGoToTheRejectsFileAndGoodLinesAreProcessed() throws IOException {
        List<String> good = Files.readAllLines(events).subList(0, 6);
        byte[] invalidUtf8 = concat(bytes("{\"eventId\":\""), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}, bytes("\"}"));
        String hugeLine = "{\"eventId\":\"" + "a".repeat(1_000_000) + "\"}";
        String unknownType = good.get(4).replaceFirst("\"type\":\"[A-Z_0-9]+\"", "\"type\":\"FAX\"");
        assertThat(unknownType).contains("\"FAX\"");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        writeLine(file, bytes(good.get(0)));            // 1
        writeLine(file, bytes(good.get(1)));            // 2
        writeLine(file, bytes(good.get(2)));            // 3
        writeLine(file, bytes("this is not json"));     // 4
        writeLine(file, invalidUtf8);                   // 5
        writeLine(file, bytes(good.get(3)));            // 6
        writeLine(file, bytes(hugeLine));               // 7
        writeLine(file, bytes(unknownType));            // 8
        writeLine(file, bytes(good.get(0)));            // 9: a redelivery
        writeLine(file, new byte[0]);                   // 10: blank
        file.write(bytes(good.get(5)));                 // 11: no final newline
        Path in = dir.resolve("hostile.jsonl");
        Files.write(in, file.toByteArray());
        Path rejects = dir.resolve("hostile-rejects.jsonl");

        CliRun run = CliRun.of("replay", "--events", in, "--alerts", dir.resolve("hostile-alerts.jsonl"),
                "--decisions", dir.resolve("hostile-decisions.jsonl"), "--rejects", rejects);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.count("events read")).as(run.toString()).isEqualTo(10);
        assertThat(run.count("accepted")).as(run.toString()).isEqualTo(6);
        assertThat(run.count("rejected")).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).contains("1 duplicates ignored").contains("blank lines");

        List<JsonNode> rejected = Files.readAllLines(rejects).stream().map(ReplayCommandTest::tree).toList();
        assertThat(rejected).extracting(r -> r.path("line").asInt()).containsExactly(4, 5, 7, 8);
        assertThat(rejected).allSatisfy(r -> assertThat(r.path("reason").asText()).isNotBlank());

        assertThat(rejected.get(0).path("raw").asText()).isEqualTo("this is not json");
        assertThat(rejected.get(1).has("raw")).isFalse();
        assertThat(Base64.getDecoder().decode(rejected.get(1).path("rawBase64").asText())).isEqualTo(invalidUtf8);
        assertThat(rejected.get(1).path("reason").asText()).containsIgnoringCase("UTF-8");
        JsonNode huge = rejected.get(2);
        assertThat(huge.path("reason").asText()).contains("over the limit");
        assertThat(huge.path("truncated").asBoolean()).isTrue();
        assertThat(huge.path("bytes").asLong()).isEqualTo(hugeLine.length());
        assertThat(huge.path("raw").asText()).startsWith("{\"eventId\":\"aaa").hasSizeLessThanOrEqualTo(64 * 1024);
        assertThat(rejected.get(3).path("field").asText()).isEqualTo("type");
        assertThat(rejected.get(3).path("reason").asText()).contains("FAX");
        assertThat(rejected.get(3).path("raw").asText()).isEqualTo(unknownType);
    }

    @Test
    void withoutARejectsFileTheRejectsAreCountedOnStderr() throws IOException {
        Path in = dir.resolve("some-bad.jsonl");
        List<String> good = Files.readAllLines(events).subList(0, 3);
        Files.writeString(in, good.get(0) + "\nnot json\n" + good.get(1) + "\n{}\n" + good.get(2) + "\n");

        CliRun run = CliRun.of("replay", "--events", in, "--alerts", dir.resolve("some-bad-alerts.jsonl"),
                "--decisions", dir.resolve("some-bad-decisions.jsonl"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("2 lines rejected").contains("line 2: ").contains("line 4: ");
        assertThat(run.count("accepted")).isEqualTo(3);
    }

    @Test
    void aMissingEventsFileFailsWithOneClearLine() {
        Path missing = dir.resolve("no-such-events.jsonl");
        Path alerts = dir.resolve("never-written.jsonl");

        CliRun run = CliRun.of("replay", "--events", missing, "--alerts", alerts,
                "--decisions", dir.resolve("never-decisions.jsonl"));

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err().strip()).contains("cannot read events file").contains(missing.toString())
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(alerts).doesNotExist();
    }

    @Test
    void aBadNetworkFileFailsWithTheLoadersMessage() throws IOException {
        Path network = dir.resolve("bad-network.json");
        Files.writeString(network, "{\"countryCode\": \"four\"}");

        CliRun run = CliRun.of("replay", "--events", events, "--alerts", dir.resolve("bad-net-alerts.jsonl"),
                "--decisions", dir.resolve("bad-net-decisions.jsonl"), "--network", network);

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err().strip()).contains(network.toString()).contains("countryCode").doesNotContain("\n");
    }

    @Test
    void evaluateScoresAnAlertsFileAndFailsOnAnUnreadableOne() throws IOException {
        Path alerts = dir.resolve("eval-alerts.jsonl");
        // A true positive for the first fraud label, written by hand so this test needs no replay.
        JsonNode label = Files.readAllLines(labels).stream().map(ReplayCommandTest::tree)
                .filter(l -> l.path("kind").asText().equals("FRAUD")).findFirst().orElseThrow();
        Files.writeString(alerts, "{\"typology\":\"" + label.path("typology").asText() + "\",\"subject\":{\"kind\":\""
                + label.path("subjectKind").asText() + "\",\"value\":\"" + label.path("subjectValue").asText()
                + "\"},\"detectedAt\":\"2026-03-02T12:00:00.000Z\"}\n");

        CliRun ok = CliRun.of("evaluate", "--alerts", alerts, "--labels", labels);
        CliRun missing = CliRun.of("evaluate", "--alerts", dir.resolve("nope.jsonl"), "--labels", labels);

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).containsPattern("(?m)^" + label.path("typology").asText() + "\\s+\\d+\\s+1\\s+1\\s+1\\s");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("cannot read alerts file");
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void writeLine(ByteArrayOutputStream out, byte[] line) {
        out.writeBytes(line);
        out.write('\n');
    }
}
