package io.ringfence.generative;

import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.contract.Decision;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.contract.AlertMessage;
import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.event.TelecomEvent;
import io.ringfence.features.FeatureTracker;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules module's generative days (its test jar) through every stage replay runs: parse, enrich,
 * features, detect, then score and decide each alert as it is raised, escalated and closed. Adds to
 * what {@link DayCheck} holds: the features and the decide stage never throw, the features keep at
 * most one line per subscriber seen, and two runs make the same decisions with the same scores.
 */
class WholePipelineGenerativeTest {
    private static final DecisionAssets ASSETS = DecisionAssets.shipped();
    private static final CustomerSegments SEGMENTS = CustomerSegments.shipped();

    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    void anyDayIsScoredAndDecidedTheSameWayTwice(@ForAll long seed) throws IOException {
        GeneratedDay day = DayGenerator.day(seed);
        DayCheck.Outcome outcome = DayCheck.twice(day, Stages::new);
        if (outcome.failed()) {
            Path file = day.write(Path.of("target", "generative", "seed-" + seed + ".jsonl"));
            throw new AssertionError("seed " + seed + " (" + day.lines().size() + " lines, written to " + file
                    + "): " + outcome.failure(), outcome.failure());
        }
        DayCheck.Run run = outcome.run();
        assertThat(run.downstream()).as("seed %d: every raised alert is decided", seed)
                .filteredOn(line -> line.startsWith("decided")).hasSizeGreaterThanOrEqualTo((int) run.raised());
    }

    /** Features, score and decide, wired as replay wires them. */
    private static final class Stages implements DayCheck.Downstream, AlertDecisions.Sink {
        private final FeatureTracker features = new FeatureTracker();
        private final AlertDecisions decisions;
        private final List<String> log = new ArrayList<>();

        Stages() {
            Decider decider = new Decider(ASSETS, features, SEGMENTS, DayCheck.rules().version(),
                    DayCheck.rules().parameters().millis("decision.repeatPeriod"));
            decisions = new AlertDecisions(decider);
        }

        @Override
        public AlertListener listener() {
            return decisions;
        }

        @Override
        public void observe(TelecomEvent event) {
            features.observe(event);
        }

        @Override
        public void afterEvent() {
            decisions.drain(this);
        }

        @Override
        public String stateProblem(int subscribersSeen) {
            return features.size() > subscribersSeen
                    ? features.size() + " lines tracked by the features for " + subscribersSeen + " subscribers" : null;
        }

        @Override
        public List<String> log() {
            return log;
        }

        @Override
        public void decided(Decider.Outcome outcome) {
            Decision d = outcome.decision();
            log.add("decided " + d.decisionId() + " " + d.action() + " " + d.target() + " " + d.reason() + " priority "
                    + d.priority() + " expires " + d.expiresAtMillis() + " case " + d.caseId() + " alerts " + d.alertIds()
                    + " at " + d.decidedAtMillis() + " by " + d.decisionModel() + "@" + d.decisionModelVersion()
                    + (outcome.emitted() ? "" : " suppressed by " + outcome.suppressedBy()));
        }

        @Override
        public void alert(AlertMessage alert, boolean raised) {
            log.add((raised ? "scored " : "escalated ") + alert.alertId() + " " + alert.score() + " by "
                    + alert.model() + "@" + alert.modelVersion());
        }

        @Override
        public void closed(AlertMessage alert) {
            log.add("closed " + alert.alertId() + " " + alert.score());
        }
    }
}
