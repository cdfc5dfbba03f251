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
 * A simulated day replayed through the real command line in-process. One small simulated day is
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
        SimulatedDayFiles.write(events, labels, 11, 1000, 2);
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
        Path decisions2 = dir.resolve("decisions2.jsonl");
        CliRun second = CliRun.of("replay", "--events", events, "--alerts", alerts2,
                "--decisions", decisions2, "--quiet");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<String> lines = Files.readAllLines(alerts1);
        assertThat(lines).as("alerts").isNotEmpty();
        for (String line : lines) {
            assertContractAlert(JSON.readTree(line), line);
        }
        assertThat(Files.mismatch(alerts1, alerts2)).as("second replay's alerts differ from the first").isEqualTo(-1L);
        assertThat(rejects).exists().isEmptyFile();
        List<String> decided = Files.readAllLines(decisions);
        assertThat(decided).as("decisions").isNotEmpty().noneMatch(l -> l.contains("stale content"));
        java.util.Set<String> alertIds = new java.util.HashSet<>();
        for (String line : lines) {
            alertIds.add(JSON.readTree(line).path("alertId").asText());
        }
        for (String line : decided) {
            JsonNode d = JSON.readTree(line);
            assertThat(DECISION_SCHEMA.validate(d)).as("schema violations in " + line).isEmpty();
            assertThat(alertIds).as("a decision names an alert of the run: " + line).contains(d.path("alertIds").get(0).asText());
            assertThat(d.path("decisionModel").asText()).isEqualTo("disposition");
            assertThat(d.path("model").asText()).isNotBlank();
            assertThat(d.path("explanation").path("rows").size()).as(line).isPositive();
        }
        assertThat(Files.mismatch(decisions, decisions2)).as("second replay's decisions differ from the first").isEqualTo(-1L);
        assertThat(first.out()).contains("Decisions " + decided.size() + " ->").contains("false blocks");

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
    private static final com.networknt.schema.JsonSchema DECISION_SCHEMA = com.networknt.schema.JsonSchemaFactory
            .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
            .getSchema(readSchema("decision.schema.json"));

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
        assertThat(a.path("score").asDouble(-1)).as("every alert is scored: " + line).isBetween(0.0, 1.0);
        assertThat(a.path("model").asText()).as(line).isNotBlank();
        assertThat(a.path("modelVersion").asText()).as(line).isNotBlank();
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
    void decisionsFitTheFrauds() throws IOException {
        Path decisions = dir.resolve("fit-decisions.jsonl");
        CliRun run = CliRun.of("replay", "--events", events, "--alerts", dir.resolve("fit-alerts.jsonl"),
                "--decisions", decisions, "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<ReplayStats.DecidedTarget> decided = Files.readAllLines(decisions).stream()
                .map(io.ringfence.contract.DecisionJson::read)
                .map(d -> new ReplayStats.DecidedTarget(d.reason(), d.target().kind().name(), d.target().value(), d.action()))
                .toList();

        java.util.Map<String, DecisionScore.Row> score = DecisionScore.score(
                io.ringfence.label.LabelJson.readAll(labels), decided);

        assertThat(score).isNotEmpty();
        assertThat(score.values()).allSatisfy(r -> {
            assertThat(r.falseBlocks()).as("blocks on what was not a fraud: " + r).isZero();
            assertThat(r.blocked() + r.toCase()).as("every fraud blocked or sent to a handler: " + r).isEqualTo(r.frauds());
        });
        // Sources outside the network are blocked outright; no customer of ours is harmed by it.
        for (String typology : List.of("WANGIRI", "SMS_PUMPING", "PBX_HACKING")) {
            assertThat(score.get(typology).blocked()).as(typology).isEqualTo(score.get(typology).frauds());
        }
        // A spoofed CLI is our own customer's number: a number block would bar the owner too.
        assertThat(score.get("CLI_SPOOFING").toCase()).isEqualTo(score.get("CLI_SPOOFING").frauds());
    }

    @Test
    void aDecisionModelThatDoesNotCompileFailsWithTheCompilersMessage() throws IOException {
        Path dmn = dir.resolve("broken.dmn");
        Files.writeString(dmn, withCell(shippedDmn(), "disposition-model-agrees-i4", "&gt;= = 0.8 ("));
        Path decisions = dir.resolve("broken-dmn-decisions.jsonl");

        CliRun run = CliRun.of("replay", "--events", events, "--alerts", dir.resolve("broken-dmn-alerts.jsonl"),
                "--decisions", decisions, "--decision-model", dmn);

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains(dmn.toString()).contains("disposition-model-agrees").doesNotContain("\tat ");
        assertThat(decisions).doesNotExist();
    }

    @Test
    void aCandidateDecisionModelCanBeTriedOnHistory() throws IOException {
        // An analyst shortens Wangiri blocks from a week to two days and replays the day with the draft.
        Path dmn = dir.resolve("draft.dmn");
        Files.writeString(dmn, withCell(shippedDmn(), "disposition-wangiri-o4", "48"));
        Path decisions = dir.resolve("draft-decisions.jsonl");

        CliRun run = CliRun.of("replay", "--events", events, "--alerts", dir.resolve("draft-alerts.jsonl"),
                "--decisions", decisions, "--decision-model", dmn, "--quiet");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> wangiri = Files.readAllLines(decisions).stream().map(ReplayCommandTest::tree)
                .filter(d -> d.path("explanation").path("rows").get(0).path("id").asText().equals("disposition-wangiri"))
                .toList();
        assertThat(wangiri).as("the simulated day has one-ring Wangiri numbers").isNotEmpty();
        for (JsonNode d : wangiri) {
            Instant decided = Instant.parse(d.path("decidedAt").asText());
            assertThat(Instant.parse(d.path("expiresAt").asText())).isEqualTo(decided.plusSeconds(48 * 3600));
            assertThat(d.path("decisionModelVersion").asText()).startsWith("sha256:");
        }
    }

    private static String withCell(String dmn, String entryId, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(<dmn:(?:input|output)Entry id=\"" + entryId
                + "\">\\s*<dmn:text>)[^<]*(</dmn:text>)").matcher(dmn);
        assertThat(m.find()).as("cell " + entryId).isTrue();
        return dmn.substring(0, m.start()) + m.group(1) + text + m.group(2) + dmn.substring(m.end());
    }

    private static String shippedDmn() throws IOException {
        return Files.readString(Path.of("..", "decision-models", "src", "main", "resources", "io", "ringfence",
                "decision", "disposition.dmn"));
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
