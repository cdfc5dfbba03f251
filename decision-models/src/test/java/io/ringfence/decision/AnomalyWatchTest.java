package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.AlertMessage;
import io.ringfence.contract.Decision;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.detection.Typology;
import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fraud model as a detector: a line pumping calls to high-cost ranges, seen through a rule set that knows no such
 * pattern, is raised as an ANOMALY that goes to the analysts and blocks nothing; through the shipped rules, which
 * explain it, it is not; and a rule can read the line's score.
 */
class AnomalyWatchTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final String LINE = "+447700100777";
    private static final ReferenceDataRepository REFERENCE = new ReferenceDataRepository(ReferenceDataLoader.defaults());
    /** A rule set that knows one harmless thing, and no fraud. */
    private static final String UNRELATED = """
            package io.ringfence.rules;
            import io.ringfence.event.*;
            import io.ringfence.detection.Subject;
            global io.ringfence.detection.AlertRegistry alerts;
            rule "A call to the watched number"
                @ruleId( "WATCH-001" ) @version( "1.0" ) @typology( "IRSF" ) @severity( "LOW" )
            when
                $c : VoiceEvent( bNumber == "+447700900999" )
            then
                alerts.raise( drools, Subject.subscriber( $c.getSubscriber() ), $c.getSubscriber(), java.util.List.of( $c ) );
            end
            """;
    /** What an analyst can write once rules read the score: the model distrusts the line and it calls a high-cost number. */
    private static final String READS_THE_SCORE = """
            package io.ringfence.rules;
            import io.ringfence.event.*;
            import io.ringfence.detection.Subject;
            global io.ringfence.detection.AlertRegistry alerts;
            rule "A line the model distrusts calls a high-cost number"
                @ruleId( "SCORE-001" ) @version( "1.0" ) @typology( "IRSF" ) @severity( "HIGH" )
            when
                $c : VoiceEvent( mo, enrichment.lineScore >= 0.9, enrichment.bInfo.highCost )
            then
                alerts.raise( drools, Subject.subscriber( $c.getSubscriber() ), $c.getSubscriber(), java.util.List.of( $c ),
                              "lineScore", $c.getEnrichment().getLineScore() );
            end
            """;

    private record Run(List<AlertMessage> alerts, List<Decision> decisions, AnomalyWatch.Counts counts) {
    }

    /** Answered calls to high-cost ranges every four minutes for three hours: IRSF pumping. */
    private static List<TelecomEvent> pumping() {
        List<TelecomEvent> out = new ArrayList<>();
        Device phone = new Device("234150000000777", "353322110000777", "234-15-1001-10777");
        for (int i = 0; i < 45; i++) {
            long at = T0 + i * 4 * 60_000L;
            out.add(new VoiceEvent(new TelecomEvent.Common("p" + i, at, LINE), Direction.MO, LINE,
                    "+8821300123" + (40 + i % 7), phone, Roaming.HOME, null, null, true, 4.0, 200));
        }
        return out;
    }

    private static Run run(RuleSet rules) {
        List<AlertMessage> alerts = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        AlertDecisions.Sink sink = new AlertDecisions.Sink() {
            @Override
            public void decided(Decider.Outcome outcome) {
                decisions.add(outcome.decision());
            }

            @Override
            public void alert(AlertMessage alert, boolean raised) {
                if (raised) {
                    alerts.add(alert);
                }
            }
        };
        try (DecisionPipeline p = new DecisionPipeline(rules, REFERENCE, DecisionAssets.shipped(), CustomerSegments.shipped())) {
            pumping().forEach(e -> p.process(e, sink));
            AnomalyWatch.Counts counts = p.anomalies();
            p.finish(sink);
            return new Run(alerts, decisions, counts);
        }
    }

    private static RuleSet only(String drl) {
        return RuleSetCompiler.compile("test", Map.of("test.drl", drl), RuleParameters.defaults());
    }

    @Test
    void aPatternNoRuleKnowsIsRaisedAsAnAnomalyThatGoesToTheAnalystsAndBlocksNothing() {
        Run r = run(only(UNRELATED));

        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.typology()).isEqualTo(Typology.ANOMALY.name());
            assertThat(a.ruleId()).isEqualTo(AnomalyWatch.RULE_ID);
            assertThat(a.subscriber()).isEqualTo(LINE);
            assertThat(((Number) a.figures().get("score")).doubleValue())
                    .isGreaterThanOrEqualTo(Double.parseDouble(RuleParameters.defaults().get("anomaly.minScore")));
        });
        assertThat(r.decisions()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.action()).isEqualTo(Action.OPEN_CASE);
            assertThat(d.caseQueue()).isEqualTo("model-anomalies");
            assertThat(d.explanation().rows()).extracting(io.ringfence.contract.MatchedRow::id).contains("disposition-anomaly");
        });
        assertThat(r.counts().raised()).as("later high scores merge into the one incident").isPositive();
        assertThat(r.counts().scored()).as("45 calls over three hours, scored once per 15 minutes (0, 16, ... 176)")
                .isEqualTo(12);
    }

    /**
     * Through the shipped rules the model may see the pumping before IRSF-001's thresholds are crossed (an anomaly then
     * comes first); once the IRSF incident is open, the rule explains every later high score and no anomaly follows.
     */
    @Test
    void onceARuleExplainsTheLineItsHighScoresRaiseNoAnomaly() {
        Run r = run(RuleSetCompiler.compileDefault());

        AlertMessage irsf = r.alerts().stream().filter(a -> a.typology().equals(Typology.IRSF.name())).findFirst()
                .orElseThrow(() -> new AssertionError("IRSF-001 fires on the pumping: " + r.alerts()));
        assertThat(r.alerts()).filteredOn(a -> a.typology().equals(Typology.ANOMALY.name()))
                .allSatisfy(a -> assertThat(a.detectedAtMillis()).isLessThan(irsf.detectedAtMillis()));
        assertThat(r.counts().explained()).as("high scores the IRSF incident explained").isPositive();
    }

    @Test
    void aRuleReadsTheLinesScore() {
        Run r = run(only(READS_THE_SCORE));

        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("SCORE-001");
            assertThat(((Number) a.figures().get("lineScore")).doubleValue()).isGreaterThanOrEqualTo(0.9);
        });
    }

    @Test
    void historyReplayedToRebuildAPartitionRaisesNoAnomalyAndScoresNothing() {
        List<AlertMessage> alerts = new ArrayList<>();
        try (DecisionPipeline p = new DecisionPipeline(only(UNRELATED), REFERENCE, DecisionAssets.shipped(),
                CustomerSegments.shipped())) {
            pumping().forEach(p::warm);
            assertThat(p.anomalies().scored()).isZero();
            assertThat(p.anomalies().raised()).isZero();
            p.finish(new AlertDecisions.Sink() {
                @Override
                public void decided(Decider.Outcome outcome) {
                }

                @Override
                public void closed(AlertMessage alert) {
                    alerts.add(alert);
                }
            });
        }
        assertThat(alerts).as("nothing was opened while the history was replayed").isEmpty();
    }

    @Test
    void aMinScoreThatIsNotAScoreIsRefusedWhenTheRuleSetIsCompiled() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSetCompiler.compile("test", Map.of("test.drl", UNRELATED),
                        RuleParameters.defaults().with("anomaly.minScore", "15m").with("anomaly.enabled", "ture")))
                .hasMessageContaining("anomaly.minScore must be a number").hasMessageContaining("anomaly.enabled must be true or false");
    }

    @Test
    void offTheWatchScoresNothingAndTheScoreReadsAsUnknown() {
        RuleSet rules = RuleSetCompiler.compile("test", Map.of("test.drl", READS_THE_SCORE),
                RuleParameters.defaults().with("anomaly.enabled", "false"));
        Run r = run(rules);

        assertThat(r.alerts()).isEmpty();
        assertThat(r.counts().scored()).isZero();
    }
}
