package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.MatchedRow;
import io.ringfence.contract.DispositionInput;

import io.ringfence.scoring.FraudModel;
import io.ringfence.scoring.ModelLoadException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hot deploy: validate, swap as one, keep the previous version for rollback; a bad version never goes live. */
class DecisionAssetsTest {
    private static final String SHIPPED_DMN = read(DecisionModel.SHIPPED);
    private static final DispositionInput WANGIRI = new DispositionInput("WANGIRI", "WANGIRI-001", "HIGH", 0.1,
            "NUMBER", "CONSUMER", 20, 0, 0, "NONE");

    private final DecisionAssets assets = DecisionAssets.shipped();

    @Test
    void aNewDecisionModelGoesLiveAndCanBeRolledBack() {
        String before = assets.live().decisionModel().version();
        String shorter = withCell(SHIPPED_DMN, "disposition-wangiri-o4", "48");
        assertThat(shorter).isNotEqualTo(SHIPPED_DMN);

        DecisionModel next = assets.deployDecisionModel(shorter.getBytes(StandardCharsets.UTF_8), "2026-11-26.1");

        assertThat(assets.live().decisionModel()).isSameAs(next);
        assertThat(assets.live().decisionModel().decide(WANGIRI).blockHours()).isEqualTo(48);
        assertThat(assets.decisionModelVersions()).containsExactly(before, "2026-11-26.1");

        assets.rollbackDecisionModel();

        assertThat(assets.live().decisionModel().version()).isEqualTo(before);
        assertThat(assets.live().decisionModel().decide(WANGIRI).blockHours()).isEqualTo(168);
    }

    @Test
    void aDecisionModelThatDoesNotCompileIsRejectedWithTheCompilersMessageAndTheRunningOneStays() {
        DecisionModel running = assets.live().decisionModel();
        String broken = withCell(SHIPPED_DMN, "disposition-model-agrees-i4", "&gt;= = 0.8 (");
        assertThat(broken).isNotEqualTo(SHIPPED_DMN);

        assertThatThrownBy(() -> assets.deployDecisionModel(broken.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DecisionModelException.class)
                .satisfies(e -> assertThat(((DecisionModelException) e).messages()).isNotEmpty()
                        .anySatisfy(m -> assertThat(m).containsIgnoringCase("disposition-model-agrees")));
        assertThat(assets.live().decisionModel()).isSameAs(running);
    }

    @Test
    void whatTheBrowserEditorWroteCanBeDeployedAsItIs() {
        byte[] dmn16 = read("editor/disposition.written-by-dmn-editor-10.2.0.dmn").getBytes(StandardCharsets.UTF_8);
        assertThat(new String(dmn16, StandardCharsets.UTF_8)).contains("https://www.omg.org/spec/DMN/20240513/MODEL/");

        DecisionModel next = assets.deployDecisionModel(dmn16, "from-editor");

        assertThat(assets.live().decisionModel()).isSameAs(next);
        assertThat(next.decide(WANGIRI).action()).isEqualTo(Action.BLOCK_NUMBER);
    }

    @Test
    void aVersionKeepsTheExactFileItWasMadeFromForTheEditorToOpenAgain() {
        assertThat(new String(assets.live().decisionModel().source(), StandardCharsets.UTF_8)).isEqualTo(SHIPPED_DMN);
        // The editor's DMN 1.6 is converted before the engine reads it; the analyst gets back what was uploaded.
        byte[] dmn16 = read("editor/disposition.written-by-dmn-editor-10.2.0.dmn").getBytes(StandardCharsets.UTF_8);

        DecisionModel next = assets.deployDecisionModel(dmn16, "from-editor");

        assertThat(next.source()).isEqualTo(dmn16);
    }

    @Test
    void anXxeUploadIsRefusedBeforeTheEngineSeesIt() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\">&x;</definitions>";

        assertThatThrownBy(() -> assets.deployDecisionModel(xxe.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DecisionModelException.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("root:");
    }

    @Test
    void notXmlIsRejected() {
        assertThatThrownBy(() -> assets.deployDecisionModel("{\"not\":\"dmn\"}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DecisionModelException.class);
    }

    @Test
    void aModelThatCompilesButHasNoAnswerForSomeAlertsIsRejected() {
        // Without its last, match-everything row the table has no answer for a typology nobody anticipated.
        int last = SHIPPED_DMN.indexOf("<dmn:rule id=\"disposition-unanticipated\">");
        int end = SHIPPED_DMN.indexOf("</dmn:rule>", last) + "</dmn:rule>".length();
        String noDefault = SHIPPED_DMN.substring(0, last) + SHIPPED_DMN.substring(end);

        assertThatThrownBy(() -> assets.deployDecisionModel(noDefault.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DecisionModelException.class)
                .hasMessageContaining("fails on some alerts");
    }

    @Test
    void aRowThatAnswersWithAnUnknownActionIsCaughtBeforeItGoesLive() {
        String typo = withCell(SHIPPED_DMN, "disposition-wangiri-o1", "\"BLOCK\"");

        assertThat(DecisionModel.compile(typo.getBytes(StandardCharsets.UTF_8), null))
                .satisfies(m -> assertThatThrownBy(() -> m.decide(WANGIRI))
                        .isInstanceOf(DecisionModelException.class)
                        .hasMessageContaining("Disposition"));
        assertThatThrownBy(() -> assets.deployDecisionModel(typo.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DecisionModelException.class)
                .hasMessageContaining("fails on some alerts");
    }

    @Test
    void concurrentDecisionsKeepTheirOwnRows() throws Exception {
        DecisionModel model = assets.live().decisionModel();
        DispositionInput partner = new DispositionInput("SS7_ATTACK", "SS7-003", "HIGH", 0.1, "GT", "CONSUMER", 20, 0, 0,
                "PARTNER");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                DispositionInput in = i % 2 == 0 ? WANGIRI : partner;
                String expected = i % 2 == 0 ? "disposition-wangiri" : "disposition-signaling-partner";
                results.add(pool.submit(() -> {
                    java.util.List<MatchedRow> rows = model.decide(in).rows();
                    return rows.size() == 2 && rows.get(0).id().equals(expected) ? "ok" : rows.toString();
                }));
            }
            for (java.util.concurrent.Future<String> f : results) {
                assertThat(f.get()).isEqualTo("ok");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aModelWithoutTheExpectedDecisionsIsRejected() {
        String renamed = SHIPPED_DMN.replace("name=\"Case routing\"", "name=\"Routing\"")
                .replace("name=\"Disposition\"", "name=\"Disposition2\"");
        assertThatThrownBy(() -> assets.deployDecisionModel(renamed.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(DecisionModelException.class);
    }

    @Test
    void aScoringModelThatDoesNotLoadIsRejectedAndTheRunningOneStays() {
        FraudModel running = assets.live().scoringModel();

        assertThatThrownBy(() -> assets.deployScoringModel("<PMML><oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageNotContaining("Exception:");
        assertThat(assets.live().scoringModel()).isSameAs(running);
        assertThatThrownBy(assets::rollbackScoringModel).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aScoringModelCanBeReplacedAndRolledBack() {
        FraudModel running = assets.live().scoringModel();
        byte[] same = read("io/ringfence/scoring/fraud-score.pmml").getBytes(StandardCharsets.UTF_8);

        FraudModel next = assets.deployScoringModel(same);

        assertThat(assets.live().scoringModel()).isSameAs(next);
        assertThat(assets.scoringModelVersions()).hasSize(2);
        assertThat(assets.rollbackScoringModel()).isSameAs(running);
    }

    @Test
    void decisionsMadeDuringASwapCarryOneWholeVersion() throws Exception {
        String v2 = withCell(SHIPPED_DMN, "disposition-wangiri-o4", "48");
        String v1 = assets.live().decisionModel().version();
        // Distinct answers only: a queue of every answer grew to millions in 100 ms and starved the readers on CI.
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong afterSwap = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean swapped = new java.util.concurrent.atomic.AtomicBoolean();
        Thread[] threads = new Thread[3];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                while (!stop.get()) {
                    DecisionAssets.Live live = assets.live();
                    int hours = live.decisionModel().decide(WANGIRI).blockHours();
                    seen.add(live.decisionModel().version() + "=" + hours);
                    if (swapped.get()) {
                        afterSwap.incrementAndGet();
                    }
                }
            });
            threads[i].start();
        }
        Thread.sleep(50);
        assets.deployDecisionModel(v2.getBytes(StandardCharsets.UTF_8), "v2");
        swapped.set(true);
        // Wait for answers begun after the swap rather than for a fixed time: a slow machine may not schedule the
        // readers at all within a few milliseconds.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (afterSwap.get() < 1000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }

        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s).isIn(v1 + "=168", "v2=48"));
        assertThat(seen).contains("v2=48");
    }

    /** The model with one table cell's text replaced, as an analyst's edit would. */
    static String withCell(String dmn, String entryId, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(<dmn:(?:input|output)Entry id=\"" + entryId
                + "\">\\s*<dmn:text>)[^<]*(</dmn:text>)").matcher(dmn);
        if (!m.find()) {
            throw new IllegalArgumentException("no cell " + entryId);
        }
        return dmn.substring(0, m.start()) + m.group(1) + text + m.group(2) + dmn.substring(m.end());
    }

    private static String read(String resource) {
        try (InputStream in = DecisionAssetsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
