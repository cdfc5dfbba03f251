package io.ringfence.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.EmbeddedService;
import io.ringfence.audit.StoredDays;
import io.ringfence.backtest.Backtests;
import io.ringfence.cases.Api;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.features.FeatureVector;
import io.ringfence.label.Label;
import io.ringfence.scoring.FraudModel;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import io.ringfence.training.RetrainCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feedback loop end to end on the real store: a day of the unseen family in the history, the fraud team's
 * cases on its look-alike lines closed as false positives, the training command reading the verdicts from the
 * service, training, and submitting the model with a backtest against the live one; the backtest shows lighter
 * decisions on the cleared lines, a second analyst approves, and the new model scores live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackLoopTest {
    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final String VERSION = "1.1.0-verdicts";

    private EmbeddedService system;
    private Api api;
    /** The look-alike lines the team cleared. */
    private final Set<String> cleared = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        // As the chart's staging and prod values have it: no model or rule change approved before its backtest.
        system = EmbeddedService.start(Map.of("ringfence.governance.review.backtest-required-for", "RULES,SCORING_MODEL"));
        api = system.api();
        DataSource db = system.bean(DataSource.class);
        TrafficSimulator day = new TrafficSimulator(new SimulationConfig(41, 800, DAY, 24, 3, SimulationConfig.Family.UNSEEN));
        StoredDays.write(db, day);
        // The team cleared every look-alike line it was shown: a triaged, closed case on each, as handlers leave them.
        for (Label l : day.labels()) {
            if (!l.isFraud() && l.subscriber() != null && cleared.add(l.subscriber())) {
                closedCase(db, l);
            }
        }
        assertThat(cleared).as("the unseen day has look-alike lines").hasSizeGreaterThan(5);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void falsePositivesRetrainTheModelWhichTheBacktestShowsLighterOnThoseLinesAndWhichGoesLiveOnApproval(
            @TempDir Path out) throws Exception {
        FraudModel before = system.bean(DecisionAssets.class).live().scoringModel();

        RetrainCommand.Outcome run = RetrainCommand.run(List.of("--service", "http://127.0.0.1:" + system.port(), "--user", "analyst1",
                        "--version", VERSION, "--weight", "100", "--out", out.toString(), "--submit",
                        "--backtest-from", DAY.toString(), "--backtest-to", DAY.plus(Duration.ofDays(1)).toString()),
                Map.of("RINGFENCE_PASSWORD", "ringfence-demo"), System.out);

        // The rows are the cleared lines' features from the stored day; the new model scores them lower.
        assertThat(run.rows()).isNotEmpty().noneMatch(r -> r.fraud());
        double[] newScores = run.scores();
        double oldMean = 0;
        double newMean = 0;
        for (int i = 0; i < newScores.length; i++) {
            oldMean += before.score(new FeatureVector(run.rows().get(i).features())) / newScores.length;
            newMean += newScores[i] / newScores.length;
        }
        assertThat(newMean).as("mean score on the cleared lines' rows, live model %.3f", oldMean).isLessThan(oldMean);
        assertThat(out.resolve("fraud-score.card.md")).content().contains("## Case verdicts").contains(VERSION);

        JsonNode done = Backtests.finished(api, run.backtestId());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("draftVersion").asText()).isEqualTo(VERSION);
        JsonNode page = api.get("analyst1", "/api/v1/backtests/" + run.backtestId() + "/differences?kind=decision&size=500")
                .json();
        int lighter = 0;
        int heavier = 0;
        for (JsonNode d : page.path("items")) {
            if ("FALSE_POSITIVE".equals(d.path("caseOutcome").asText())) {
                int live = weight(d.path("live")), draft = weight(d.path("draft"));
                lighter += live > draft ? 1 : 0;
                heavier += draft > live ? 1 : 0;
            }
        }
        System.out.printf("backtest of %s on the cleared lines: %d decisions lighter, %d heavier; all: %s%n", VERSION,
                lighter, heavier, done.path("summary").path("all"));
        assertThat(lighter).as("decisions on cleared lines the new model makes lighter (heavier: %d) of %s", heavier,
                done.path("summary").path("all")).isGreaterThan(heavier);
        assertThat(done.path("summary").path("all").path("onFalsePositives").toString()).isNotEqualTo(
                "{\"added\":0,\"removed\":0,\"changed\":0}");
        assertThat(api.get("analyst2", "/api/v1/changes/" + run.changeId()).json().path("backtest").path("backtestId").asText())
                .as("the approver sees the backtest on the change").isEqualTo(run.backtestId());

        Api.Reply own = api.post("analyst1", "/api/v1/changes/" + run.changeId() + "/approve", "{}");
        assertThat(own.status()).as("the trainer may not approve its own model").isEqualTo(403);
        Api.Reply approved = api.post("analyst2", "/api/v1/changes/" + run.changeId() + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!VERSION.equals(system.bean(DecisionAssets.class).live().scoringModel().version())) {
            assertThat(System.nanoTime()).as("the approved model live within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        FraudModel live = system.bean(DecisionAssets.class).live().scoringModel();
        assertThat(live.score(new FeatureVector(run.rows().get(0).features())))
                .isEqualTo(newScores[0], org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aRuleChangeIsNotApprovedBeforeABacktestOfItHasRun() {
        com.fasterxml.jackson.databind.node.ObjectNode upload =
                (com.fasterxml.jackson.databind.node.ObjectNode) api.get("analyst1", "/api/v1/live/rules/files").json();
        upload.put("version", "2026.12.7-unchanged");
        Api.Reply submitted = api.post("analyst1", "/api/v1/changes/rules", upload.toString());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String change = submitted.json().path("changeId").asText();

        Api.Reply refused = api.post("analyst2", "/api/v1/changes/" + change + "/approve", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("title").asText()).isEqualTo("Backtest required");
        assertThat(refused.json().path("detail").asText()).contains("/api/v1/changes/" + change + "/backtests");
        assertThat(api.get("analyst2", "/api/v1/changes/" + change).json().path("status").asText())
                .as("still waiting for its backtest").isEqualTo("PENDING");
        assertThat(api.post("analyst1", "/api/v1/changes/" + change + "/withdraw", "{}").status()).isEqualTo(200);
    }

    @Test
    void aBadRequestForRowsIsAProblemAndHandlersMayNotReadThem() {
        Api.Reply zero = api.get("analyst1", "/api/v1/training/verdict-rows?limit=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.contentType()).startsWith("application/problem+json");
        assertThat(zero.json().path("detail").asText()).contains("limit: between 1 and");
        assertThat(api.get("analyst1", "/api/v1/training/verdict-rows?closedAfter=yesterday").status()).isEqualTo(400);
        assertThat(api.get("handler1", "/api/v1/training/verdict-rows").status()).isEqualTo(403);
        JsonNode none = api.get("supervisor1", "/api/v1/training/verdict-rows?closedAfter=2099-01-01T00:00:00Z").json();
        assertThat(none.path("cases").asInt()).isZero();
        assertThat(none.path("rows")).isEmpty();
    }

    /** How heavy a decision is: a block 2, a case 1, else 0 (none: 0). */
    private static int weight(JsonNode what) {
        if (what.isNull() || what.isMissingNode()) {
            return 0;
        }
        String w = what.asText();
        return (w.startsWith("BLOCK") ? 2 : 0) + (w.startsWith("OPEN_CASE") || w.contains("+case") ? 1 : 0);
    }

    private static void closedCase(DataSource db, Label l) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO fraud_case "
                + "(case_id, status, outcome, typology, priority, queue, sla_minutes, target_kind, target_value, subscriber, "
                + "opened_by, opened_at, closed_at) VALUES (?, 'CLOSED', 'FALSE_POSITIVE', 'ANOMALY', 3, 'model-anomalies', 480,"
                + " 'SUBSCRIBER', ?, ?, 'handler1', ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, l.subscriber());
            ps.setString(3, l.subscriber());
            ps.setTimestamp(4, new Timestamp(l.endMillis()));
            ps.setTimestamp(5, Timestamp.from(DAY.plus(Duration.ofDays(2))));
            ps.executeUpdate();
        }
    }
}
