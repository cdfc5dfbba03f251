package io.ringfence.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.decision.DecisionModel;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.scoring.FraudModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Analysts' uploads checked within the service's default budget: a decision model whose FEEL would loop over 300
 * million items is refused instead of holding the service, and the shipped models still pass. Rule sets and PMML
 * go through the same budget (shown with a budget too small for any compilation).
 */
class AnalystUploadBudgetTest {
    /** The priority of the first row, which the probe reaches with a TEST subscriber, made to run for ever. */
    static final String FOREVER = "4 + count(for i in 1..300000000 return i) * 0";

    private CheckBudget budget;

    private AssetCompiler compiler(CheckBudgetProperties properties) {
        budget = new CheckBudget(properties, new SimpleMeterRegistry());
        // The base rule set only lends its thresholds to an upload: no need to compile it here.
        LiveRuleSet rules = new LiveRuleSet(new RuleSet("base", null, RuleParameters.defaults(), List.of()));
        return new AssetCompiler(new ObjectMapper(), rules, null, budget, new TableScenarios(io.ringfence.decision.DmnScenarios.shipped()), null, null);
    }

    /** The shipped rule set as an analyst submits it: file names without their folder, in compile order. */
    static byte[] shippedRuleSetUpload() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        RuleSetCompiler.defaultSources().forEach((path, drl) -> files.put(path.substring(path.lastIndexOf('/') + 1), drl));
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("version", "shipped-again");
        upload.put("files", files);
        return new ObjectMapper().writeValueAsBytes(upload);
    }

    /** As application defaults bind them (CheckBudgetProperties' @DefaultValue). */
    static CheckBudgetProperties defaults() {
        return new CheckBudgetProperties(Duration.ofSeconds(30), DataSize.ofMegabytes(512), 2);
    }

    /**
     * As the service does at start (it compiles the shipped assets before it takes any upload): a check stopped
     * while the JVM initialises one of the engine's classes would leave that class unusable for the JVM's life.
     */
    @BeforeAll
    static void engineClassesInitialisedAsInTheService() throws IOException {
        RuleSetCompiler.compile("warm-up", RuleSetCompiler.defaultSources(), RuleParameters.defaults());
        io.ringfence.decision.DecisionAssets.checked(shippedDmn(), "warm-up");
        FraudModel.load(shippedPmml());
    }

    /** Waits for every check thread to end; a stopped check holds its worker until its thread has unwound. */
    static void checksEnded() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ringfence-check-") && !t.getName().endsWith("watchdog")) {
                t.join(60_000);
                assertThat(t.isAlive()).as("%s ended", t.getName()).isFalse();
            }
        }
    }

    @AfterEach
    void close() {
        budget.close();
    }

    static byte[] shippedDmn() throws IOException {
        try (InputStream in = DecisionModel.class.getClassLoader().getResourceAsStream("io/ringfence/decision/disposition.dmn")) {
            return in.readAllBytes();
        }
    }

    static byte[] foreverDmn() throws IOException {
        String dmn = new String(shippedDmn(), StandardCharsets.UTF_8);
        String row = "<dmn:outputEntry id=\"disposition-test-line-o3\">\n          <dmn:text>4</dmn:text>";
        assertThat(dmn).contains(row);
        return dmn.replace(row, row.replace(">4<", ">" + FOREVER + "<")).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFeelLoopOverThreeHundredMillionItemsIsRefusedAndTheShippedModelStillPasses() throws Exception {
        AssetCompiler compiler = compiler(defaults());

        ChangeRejected e = catchThrowableOfType(() -> compiler.compile(AssetKind.DECISION_MODEL, null, null, foreverDmn(),
                "forever"), ChangeRejected.class);

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.title()).isEqualTo("Decision model refused");
        assertThat(e.getMessage()).contains("ran out of its").contains("budget");
        assertThat(e.properties()).containsEntry("reason", "OVER_BUDGET");
        // KIE reports a stopped evaluation as an error of that evaluation and the probes would go on with the next
        // input: the check's thread must still end, not loop on unwatched.
        checksEnded();
        // The worker is free again and the same budget passes the model the project ships.
        assertThat(compiler.compile(AssetKind.DECISION_MODEL, null, null, shippedDmn(), "shipped").value())
                .isInstanceOf(DecisionModel.class);
    }

    @Test
    void theShippedRuleSetAndScoringModelPassTheDefaultBudget() throws Exception {
        AssetCompiler compiler = compiler(defaults());
        assertThat(compiler.compile(AssetKind.RULES, null, null, shippedRuleSetUpload(), null).version())
                .isEqualTo("shipped-again");
        assertThat(compiler.compile(AssetKind.SCORING_MODEL, null, null, shippedPmml(), null).value())
                .isInstanceOf(FraudModel.class);
    }

    static byte[] shippedPmml() throws IOException {
        try (InputStream in = FraudModel.class.getClassLoader().getResourceAsStream("io/ringfence/scoring/fraud-score.pmml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void rulesAndPmmlAreCheckedWithinTheBudgetToo() throws Exception {
        AssetCompiler compiler = compiler(new CheckBudgetProperties(Duration.ofMinutes(1), DataSize.ofKilobytes(64), 1));
        byte[] pmml = shippedPmml();

        ChangeRejected scoring = catchThrowableOfType(() -> compiler.compile(AssetKind.SCORING_MODEL, null, null, pmml, null),
                ChangeRejected.class);
        assertThat(scoring.title()).isEqualTo("Scoring model refused");
        assertThat(scoring.getMessage()).contains("memory budget (64 KB allocated)");
        checksEnded();

        ChangeRejected rules = catchThrowableOfType(() -> compiler.compile(AssetKind.RULES, null, null,
                shippedRuleSetUpload(), null), ChangeRejected.class);
        assertThat(rules.title()).isEqualTo("Rule set refused");
        assertThat(rules.properties()).containsEntry("reason", "OVER_BUDGET");
        checksEnded();

        ChangeRejected dmn = catchThrowableOfType(() -> compiler.compile(AssetKind.DECISION_MODEL, null, null, shippedDmn(),
                null), ChangeRejected.class);
        assertThat(dmn.title()).isEqualTo("Decision model refused");
        assertThat(dmn.properties()).containsEntry("reason", "OVER_BUDGET");
    }
}
