package io.ringfence.backtest;

import io.ringfence.contract.AlertMessage;
import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.pipeline.EventFault;
import io.ringfence.reference.ReferenceDataRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live versions and the draft over the same events, in one pass: two {@link DecisionPipeline}s (the
 * assembly replay and the stream run), each event parsed once and handed to both in turn.
 *
 * <p>One pass rather than two: the history is read once (the cost that dominates, see docs/benchmarks.md),
 * both sides see exactly the same events in the same order even if rows arrive while the job runs, and
 * outputs pair up as they come ({@link Comparison}), so nothing of either side has to be kept until the
 * end. The price is the two pipelines' state in memory at once, which is per subscriber, not per event.
 *
 * <p>Each side keeps its blocks in memory: a backtest must neither read nor set the blocks in force.
 */
final class SideBySide implements AutoCloseable {
    /**
     * What one side runs: a rule set, the decision and scoring models, the reference lists and the customer table,
     * fixed for the whole job.
     */
    record Versions(RuleSet rules, DecisionAssets.Live models, ReferenceDataRepository reference,
                    CustomerSegments segments) {
    }

    private final EventParser parser = new EventParser();
    private final Side live;
    private final Side draft;
    private long rejected;
    private long refused;

    SideBySide(Versions live, Versions draft, Comparison comparison) {
        this.live = new Side(live, comparison::live);
        this.draft = new Side(draft, comparison::draft);
    }

    /** One stored event (the contract's JSON, as the stream consumed it) through both sides. */
    void accept(String payload) {
        if (!(parser.parse(payload) instanceof ParseResult.Accepted a)) {
            // The stream stores accepted events only; a row that no longer parses (a contract change) is counted.
            rejected++;
            return;
        }
        // Both sides have seen the same events, so one answers for both: an event too far ahead of the newest so far
        // (stream.maxClockJump: a switch's clock gone wrong) is refused, as replay and the stream refuse it, and counted.
        if (live.pipeline.admissionProblem(a.event()) != null) {
            refused++;
            return;
        }
        live.accept(a.event());
        draft.accept(a.event());
    }

    /** End of the range: open incidents close on both sides, as at the end of a replay. */
    void finish() {
        live.finish();
        draft.finish();
    }

    long rejected() {
        return rejected;
    }

    long refused() {
        return refused;
    }

    long liveFaults() {
        return live.faults;
    }

    long draftFaults() {
        return draft.faults;
    }

    @Override
    public void close() {
        live.pipeline.close();
        draft.pipeline.close();
    }

    /**
     * One side: its pipeline and a sink that passes on an event's outputs only once every stage took the
     * event, as replay's does. After a fault the side starts again empty rather than being rebuilt from the
     * range's start (replay re-reads its file; a database range is too long to read twice); the count of
     * faults is in the summary, as the differences after one are not to be trusted.
     */
    private static final class Side implements AlertDecisions.Sink {
        private final Versions versions;
        private final ReferenceDataRepository reference;
        private final CustomerSegments segments;
        private final DecisionAssets assets;
        private final Consumer<Output> out;
        private final List<Output> pending = new ArrayList<>();
        private DecisionPipeline pipeline;
        private long faults;

        Side(Versions versions, Consumer<Output> out) {
            this.versions = versions;
            this.reference = versions.reference();
            this.segments = versions.segments();
            // Its own holder of the models, so that an approval during the job does not switch them half-way.
            this.assets = new DecisionAssets(versions.models().decisionModel(), versions.models().scoringModel());
            this.out = out;
            this.pipeline = newPipeline();
        }

        private DecisionPipeline newPipeline() {
            return new DecisionPipeline(versions.rules(), reference, assets, segments);
        }

        void accept(TelecomEvent event) {
            if (pipeline.admissionProblem(event) != null) {
                return; // a side started again after a fault has seen fewer events than the other
            }
            try {
                pipeline.process(event, this);
                pending.forEach(out);
            } catch (EventFault fault) {
                faults++;
                pipeline.close();
                pipeline = newPipeline();
            } finally {
                pending.clear();
            }
        }

        void finish() {
            pipeline.finish(this);
            pending.forEach(out);
            pending.clear();
        }

        @Override
        public void decided(Decider.Outcome outcome) {
            pending.add(Output.of(outcome.decision(), outcome.emitted()));
        }

        @Override
        public void closed(AlertMessage alert) {
            pending.add(Output.of(alert));
        }
    }
}
