package io.ringfence.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.EmbeddedService;
import io.ringfence.audit.StoredDays;
import io.ringfence.audit.StoredEvent;
import io.ringfence.cases.Api;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.governance.LiveRuleSet;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.label.Label;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backtests on the real service (embedded PostgreSQL, Kafka, Redis) over a simulated day written to the
 * event history as the stream writes it: a rules change that drops one typology, a change that alters
 * nothing, cancelling, the budgets, and the refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestTest {
    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final String RANGE = "{\"from\":\"2026-03-02T00:00:00Z\",\"to\":\"2026-03-03T00:00:00Z\"}";
    private static final String DROPPED_FILE = "wangiri.drl";
    private static final String DROPPED = "WANGIRI";

    private EmbeddedService system;
    private ConfigurableApplicationContext service;
    private Api api;
    private int events;
    /** The simulated day as the contract's JSON Lines, in the order the history reads it back. */
    private final List<String> lines = new ArrayList<>();
    private final Set<String> confirmed = new HashSet<>();
    private final Set<String> cleared = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        system = EmbeddedService.start(Map.of("ringfence.backtest.progress-every", "1000"));
        service = system.context();
        api = system.api();
        DataSource db = system.bean(DataSource.class);
        TrafficSimulator day = new TrafficSimulator(new SimulationConfig(17, 400, DAY, 24, 2, SimulationConfig.Family.TUNED));
        List<StoredEvent> stored = StoredDays.write(db, day);
        events = stored.size();
        stored.stream().sorted(Comparator.comparingLong(StoredEvent::eventTimeMillis))
                .forEach(e -> lines.add(e.json()));
        // Handlers' verdicts on the dropped typology's subjects, as triaged cases leave them.
        for (Label l : day.labels()) {
            if (DROPPED.equals(l.typology())) {
                closedCase(db, l, l.isFraud() ? "CONFIRMED_FRAUD" : "FALSE_POSITIVE");
                (l.isFraud() ? confirmed : cleared).add(l.subjectValue());
            }
        }
        assertThat(confirmed).as("the simulated day has %s fraud to confirm", DROPPED).isNotEmpty();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void droppingATypologysRulesRemovesItsAlertsAndDecisionsAndNothingElse() throws Exception {
        ObjectNode upload = liveRules();
        ((ObjectNode) upload.path("files")).remove(DROPPED_FILE);
        String change = submit(upload, "2026.12.1-no-wangiri");

        JsonNode done = backtest(change);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("eventsDone").asLong()).isEqualTo(events);
        assertThat(done.path("eventsTotal").asLong()).isEqualTo(events);
        assertThat(done.path("draftVersion").asText()).isEqualTo("2026.12.1-no-wangiri");
        JsonNode s = done.path("summary");
        JsonNode all = s.path("all");
        assertThat(all.path("alerts").path("removed").asLong()).as(s.toString()).isPositive();
        assertThat(all.path("decisions").path("removed").asLong()).isPositive();
        for (String output : List.of("alerts", "decisions")) {
            assertThat(all.path(output).path("added").asLong()).as("added " + output).isZero();
            assertThat(all.path(output).path("changed").asLong()).as("changed " + output).isZero();
        }
        assertThat(s.path("live").path("alerts").asLong() - s.path("draft").path("alerts").asLong())
                .isEqualTo(all.path("alerts").path("removed").asLong());
        assertThat(names(s.path("byTypology"))).containsExactly(DROPPED);
        assertThat(names(s.path("byRule"))).allMatch(r -> r.startsWith("WANGIRI-"));

        JsonNode page = api.get("analyst2", "/api/v1/backtests/" + done.path("backtestId").asText()
                + "/differences?size=500").json();
        assertThat(page.path("total").asLong()).isEqualTo(all.path("alerts").path("removed").asLong()
                + all.path("decisions").path("removed").asLong());
        Set<String> outcomes = new HashSet<>();
        for (JsonNode d : page.path("items")) {
            assertThat(d.path("typology").asText()).isEqualTo(DROPPED);
            assertThat(d.path("change").asText()).isEqualTo("REMOVED");
            assertThat(d.path("draft").isNull()).isTrue();
            String subject = d.path("subjectValue").asText();
            String outcome = d.path("caseOutcome").isNull() ? null : d.path("caseOutcome").asText();
            if (confirmed.contains(subject) && !cleared.contains(subject)) {
                assertThat(outcome).as("joined to the case on " + subject).isEqualTo("CONFIRMED_FRAUD");
            }
            outcomes.add(String.valueOf(outcome));
        }
        assertThat(outcomes).contains("CONFIRMED_FRAUD");
        assertThat(s.path("all").path("onConfirmedFraud").path("removed").asLong()).isPositive();
        JsonNode decisionsOnly = api.get("analyst1", "/api/v1/backtests/" + done.path("backtestId").asText()
                + "/differences?kind=decision&typology=" + DROPPED).json();
        assertThat(decisionsOnly.path("total").asLong()).isEqualTo(all.path("decisions").path("removed").asLong());

        JsonNode changeView = api.get("supervisor1", "/api/v1/changes/" + change).json();
        assertThat(changeView.path("backtest").path("backtestId").asText())
                .as("the approver sees the backtest on the change").isEqualTo(done.path("backtestId").asText());
        assertThat(changeView.path("backtest").path("summary").path("all")).isEqualTo(all);
    }

    @Test
    void anUploadedFileGivesTheAnswersOfTheSameEventsStoredAndNamesTheRowsItCouldNotRead() throws Exception {
        ObjectNode upload = liveRules();
        ((ObjectNode) upload.path("files")).remove(DROPPED_FILE);
        String change = submit(upload, "2026.12.1-no-wangiri-file");
        JsonNode fromHistory = backtest(change);
        assertThat(fromHistory.path("status").asText()).as(fromHistory.toString()).isEqualTo("DONE");

        StringBuilder file = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i == 2) {
                file.append("{\"eventId\":\"broken\",\"type\":\"VOICE\"}\r\n"); // line 3: no time, no subscriber
            }
            file.append(lines.get(i)).append("\r\n");
        }
        byte[] gz = gzip(file.toString());
        Api.Reply started = api.post("analyst2", "/api/v1/changes/" + change + "/backtests?name=day.jsonl.gz",
                "application/gzip", gz);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = finished(started.json().path("backtestId").asText());

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("eventsTotal").asLong()).isEqualTo(events);
        assertThat(done.path("requestedBy").asText()).isEqualTo("analyst2");
        assertThat(done.path("summary").path("all")).isEqualTo(fromHistory.path("summary").path("all"));
        assertThat(done.path("summary").path("byRule")).isEqualTo(fromHistory.path("summary").path("byRule"));
        assertThat(done.path("summary").path("live")).isEqualTo(fromHistory.path("summary").path("live"));
        assertThat(done.path("summary").path("refused").asLong()).isZero();
        assertThat(done.path("summary").has("refused")).isTrue();
        JsonNode input = done.path("input");
        assertThat(input.path("name").asText()).isEqualTo("day.jsonl.gz");
        assertThat(input.path("bytes").asLong()).isEqualTo(gz.length);
        assertThat(input.path("accepted").asLong()).isEqualTo(events);
        assertThat(input.path("rejected").asLong()).isEqualTo(1);
        assertThat(input.path("rejections").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(fromHistory.path("input").isNull()).as("a range of the history has no input file").isTrue();
        assertThat(Instant.parse(done.path("from").asText())).isAfterOrEqualTo(DAY).isBefore(DAY.plus(Duration.ofHours(1)));

        String historyId = fromHistory.path("backtestId").asText();
        String fileId = done.path("backtestId").asText();
        JsonNode a = api.get("analyst1", "/api/v1/backtests/" + historyId + "/differences?size=500").json();
        JsonNode b = api.get("analyst1", "/api/v1/backtests/" + fileId + "/differences?size=500").json();
        assertThat(b.path("total").asLong()).isPositive().isEqualTo(a.path("total").asLong());
        assertThat(b.path("items")).isEqualTo(a.path("items"));
        assertThat(api.get("supervisor1", "/api/v1/changes/" + change).json().path("backtest").path("backtestId").asText())
                .as("the approver sees the latest backtest, the file's").isEqualTo(fileId);
    }

    @Test
    void anEventOfAnUploadedFileTooFarAheadIsCountedAsRefusedAndAFileWithoutEventsIsRefused() throws Exception {
        String change = submit(liveRules(), "2026.12.1-file-clock");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            file.append(lines.get(i)).append('\n');
            if (i == 1000) {
                // A switch whose clock jumped a year: refused as the stream refuses it (stream.maxClockJump).
                ObjectNode ahead = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(i));
                ahead.put("eventId", "clock-jump").put("timestamp", DAY.plus(Duration.ofDays(365)).toString());
                file.append(ahead).append('\n');
            }
        }
        Api.Reply started = api.post("analyst1", "/api/v1/changes/" + change + "/backtests?name=part.jsonl",
                "application/x-ndjson", file.toString().getBytes(UTF_8));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = finished(started.json().path("backtestId").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("input").path("accepted").asLong()).isEqualTo(3001);
        assertThat(done.path("summary").path("events").asLong()).isEqualTo(3001);
        assertThat(done.path("summary").path("refused").asLong()).isEqualTo(1);
        assertThat(Instant.parse(done.path("to").asText())).as("the file's span, its refused event included")
                .isAfter(DAY.plus(Duration.ofDays(364)));

        Api.Reply nothing = api.post("analyst1", "/api/v1/changes/" + change + "/backtests?name=x.jsonl",
                "application/x-ndjson", "{}\n{\"type\":\"VOICE\"}\n".getBytes(UTF_8));
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.contentType()).startsWith("application/problem+json");
        assertThat(nothing.json().path("input").path("rejections").size()).isEqualTo(2);
        Api.Reply unknown = api.post("analyst1", "/api/v1/changes/" + UUID.randomUUID() + "/backtests?name=part.jsonl",
                "application/x-ndjson", file.toString().getBytes(UTF_8));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.post("supervisor1", "/api/v1/changes/" + change + "/backtests?name=part.jsonl",
                "application/x-ndjson", file.toString().getBytes(UTF_8)).status())
                .as("analysts run backtests").isEqualTo(403);
    }

    @Test
    void theCommandLineRunsTheSameJobOnAFileAndOnARangeAndSaysWhenItIsRefused(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir) throws Exception {
        ObjectNode upload = liveRules();
        ((ObjectNode) upload.path("files")).remove(DROPPED_FILE);
        String change = submit(upload, "2026.12.1-no-wangiri-cli");
        java.nio.file.Path file = dir.resolve("day.jsonl");
        java.nio.file.Files.write(file, lines);
        java.nio.file.Path password = dir.resolve("password");
        java.nio.file.Files.writeString(password, "ringfence-demo\n");
        String url = "http://127.0.0.1:" + this.service.getEnvironment().getRequiredProperty("local.server.port");

        Cli onFile = cli("backtest", "--service", url, "--change", change, "--events", file.toString(), "--user",
                "analyst1", "--password-file", password.toString(), "--poll", "PT0.2S");
        assertThat(onFile.exit()).as(onFile.err()).isZero();
        assertThat(onFile.out()).contains("file day.jsonl: " + String.format(java.util.Locale.ROOT, "%,d", events) + " events");
        String id = onFile.out().lines().findFirst().orElseThrow().split(" ")[1];
        JsonNode job = api.get("analyst1", "/api/v1/backtests/" + id).json();
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        JsonNode wangiri = job.path("summary").path("byTypology").path(DROPPED);
        assertThat(onFile.out()).as("the typology's row as the API counts it").containsPattern("(?m)^" + DROPPED + " +"
                + wangiri.path("alerts").path("added").asLong() + " +" + wangiri.path("alerts").path("removed").asLong() + " +"
                + wangiri.path("alerts").path("changed").asLong() + " +" + wangiri.path("decisions").path("added").asLong()
                + " +" + wangiri.path("decisions").path("removed").asLong() + " ");
        assertThat(wangiri.path("alerts").path("removed").asLong()).isPositive();

        Cli onRange = cli("backtest", "--service", url, "--change", change, "--from", "2026-03-02T00:00:00Z", "--to",
                "2026-03-03T00:00:00Z", "--user", "analyst1", "--password-file", password.toString(), "--poll", "PT0.2S");
        assertThat(onRange.exit()).as(onRange.err()).isZero();
        assertThat(onRange.out()).doesNotContain("file ").contains("(all)");

        Cli unknown = cli("backtest", "--service", url, "--change", UUID.randomUUID().toString(), "--events",
                file.toString(), "--user", "analyst1", "--password-file", password.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("refused (404)");
        Cli wrongRole = cli("backtest", "--service", url, "--change", change, "--events", file.toString(), "--user",
                "supervisor1", "--password-file", password.toString());
        assertThat(wrongRole.exit()).isEqualTo(1);
        assertThat(wrongRole.err()).contains("refused (403)");
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = io.ringfence.cli.RingfenceCli.commandLine();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    @Test
    void aChangeThatAltersNothingShowsNoDifference() throws Exception {
        String change = submit(liveRules(), "2026.12.1-same");
        JsonNode done = backtest(change);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        JsonNode s = done.path("summary");
        assertThat(s.path("live").path("decisions").asLong()).isPositive();
        assertThat(s.path("draft")).isEqualTo(s.path("live"));
        assertThat(s.path("byTypology").size()).isZero();
        assertThat(api.get("analyst1", "/api/v1/backtests/" + done.path("backtestId").asText() + "/differences")
                .json().path("total").asLong()).isZero();
    }

    @Test
    void aCancelledBacktestStopsConsumingAndSaysSo() throws Exception {
        String change = submit(liveRules(), "2026.12.1-cancel");
        BacktestService backtests = service.getBean(BacktestService.class);
        Backtest b = backtests.start(UUID.fromString(change), DAY, DAY.plus(Duration.ofDays(1)), "analyst1",
                (job, done) -> {
                    if (done == 1000) {
                        // As DELETE does it, from another thread than the job's.
                        assertThat(api.send("analyst1", "DELETE", "/api/v1/backtests/" + job.id, null, null).status())
                                .isEqualTo(202);
                    }
                });
        JsonNode cancelled = finished(b.backtestId().toString());
        assertThat(cancelled.path("status").asText()).as(cancelled.toString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("reason").asText()).startsWith("cancelled after");
        assertThat(cancelled.path("eventsDone").asLong()).isBetween(1000L, 1001L);
        assertThat(cancelled.path("summary").isNull()).isTrue();
        assertThat(api.send("analyst1", "DELETE", "/api/v1/backtests/" + b.backtestId(), null, null).status())
                .as("finished: nothing to cancel").isEqualTo(409);
    }

    @Test
    void aSpentBudgetStopsAJobWithItsReason() throws Exception {
        BacktestRunner runner = service.getBean(BacktestRunner.class);
        BacktestProperties properties = service.getBean(BacktestProperties.class);

        Backtest overEvents = queued();
        runner.withProperties(properties.withBudgets(Duration.ofHours(1), events - 1)).run(job(overEvents), Job.Listener.NONE);
        JsonNode failed = api.get("analyst1", "/api/v1/backtests/" + overEvents.backtestId()).json();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).contains("holds " + events + " events, over the budget of " + (events - 1));

        Backtest overTime = queued();
        runner.withProperties(properties.withBudgets(Duration.ofNanos(1), events)).run(job(overTime), Job.Listener.NONE);
        failed = api.get("analyst1", "/api/v1/backtests/" + overTime.backtestId()).json();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).startsWith("time budget of PT0.000000001S spent after 256 events");
        assertThat(failed.path("eventsDone").asLong()).isEqualTo(256);
    }

    @Test
    void badRequestsAreRefusedAsProblems() throws Exception {
        String change = submit(liveRules(), "2026.12.1-bad");
        Api.Reply unknown = api.post("analyst1", "/api/v1/changes/" + UUID.randomUUID() + "/backtests", RANGE);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Api.Reply backwards = api.post("analyst1", "/api/v1/changes/" + change + "/backtests",
                "{\"from\":\"2026-03-03T00:00:00Z\",\"to\":\"2026-03-02T00:00:00Z\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("detail").asText()).isEqualTo("from must be before to");
        Api.Reply tooLong = api.post("analyst1", "/api/v1/changes/" + change + "/backtests",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-03-02T00:00:00Z\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("title").asText()).isEqualTo("Range too long");
        assertThat(api.post("supervisor1", "/api/v1/changes/" + change + "/backtests", RANGE).status())
                .as("analysts run backtests").isEqualTo(403);
        assertThat(api.get("analyst1", "/api/v1/backtests/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private ObjectNode liveRules() {
        return (ObjectNode) api.get("analyst1", "/api/v1/live/rules/files").json().deepCopy();
    }

    private String submit(ObjectNode upload, String version) {
        upload.put("version", version);
        Api.Reply submitted = api.post("analyst1", "/api/v1/changes/rules", upload.toString());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().path("changeId").asText();
    }

    private JsonNode backtest(String change) throws Exception {
        Api.Reply started = api.post("analyst1", "/api/v1/changes/" + change + "/backtests", RANGE);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return finished(started.json().path("backtestId").asText());
    }

    private JsonNode finished(String id) throws Exception {
        return Backtests.finished(api, id);
    }

    private Backtest queued() {
        String change = submit(liveRules(), "2026.12.1-budget-" + UUID.randomUUID().toString().substring(0, 8));
        Backtest b = new Backtest(UUID.randomUUID(), UUID.fromString(change), "RULES", "live", "draft", DAY,
                DAY.plus(Duration.ofDays(1)), Backtest.Status.QUEUED, "analyst1", Instant.now(), null, null, 0, null, null, null,
                null);
        service.getBean(BacktestStore.class).insert(b);
        return b;
    }

    private Job job(Backtest b) {
        SideBySide.Versions live = new SideBySide.Versions(service.getBean(LiveRuleSet.class).current(),
                service.getBean(DecisionAssets.class).live(), service.getBean(ReferenceDataRepository.class),
                service.getBean(io.ringfence.decision.CustomerSegments.class).snapshot());
        return new Job(b.backtestId(), Events.history(service.getBean(io.ringfence.audit.EventHistoryReader.class), b.from(),
                b.to(), 1000), live, live);
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void closedCase(DataSource db, Label l, String outcome) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO fraud_case "
                + "(case_id, status, outcome, typology, priority, queue, sla_minutes, target_kind, target_value, subscriber, "
                + "opened_by, opened_at, closed_at) VALUES (?, 'CLOSED', ?, ?, 2, 'fraud-general', 60, ?, ?, ?, 'handler1', ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, outcome);
            ps.setString(3, l.typology());
            ps.setString(4, l.subjectKind());
            ps.setString(5, l.subjectValue());
            ps.setString(6, l.subscriber());
            ps.setTimestamp(7, Timestamp.from(DAY.plus(Duration.ofDays(1))));
            ps.setTimestamp(8, Timestamp.from(DAY.plus(Duration.ofDays(2))));
            ps.executeUpdate();
        }
    }
}
