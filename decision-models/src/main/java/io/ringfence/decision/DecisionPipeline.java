package io.ringfence.decision;

import io.ringfence.detection.RuleSet;
import io.ringfence.event.TelecomEvent;
import io.ringfence.features.FeatureTracker;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.pipeline.EventFault;
import io.ringfence.reference.ReferenceDataRepository;

import java.util.function.LongSupplier;

/**
 * Everything one event goes through, assembled once for every driver (replay, each partition of the
 * streaming service, the load harness, the generative tests): enrich and detect ({@link DetectionPipeline}),
 * the rolling features the score reads, then score and decide what the event raised ({@link Decider}),
 * with the state each stage keeps. After an {@link EventFault} the whole is replaced: its state is unknown.
 */
public final class DecisionPipeline implements AutoCloseable {
    private final FeatureTracker features = new FeatureTracker();
    private final AlertDecisions decisions;
    private final DetectionPipeline detection;
    private final AnomalyWatch anomalies;

    /** With blocks kept in memory, as replay and the tests keep them. */
    public DecisionPipeline(RuleSet rules, ReferenceDataRepository reference, DecisionAssets assets,
                            CustomerSegments segments) {
        this(rules, reference, assets, segments, BlockRegistry.inMemory());
    }

    /** @param blocks where blocks in force are asked and recorded (the service shares them across partitions) */
    public DecisionPipeline(RuleSet rules, ReferenceDataRepository reference, DecisionAssets assets,
                            CustomerSegments segments, BlockRegistry blocks) {
        this(rules, reference, assets, segments, blocks, DetectionPipeline.NO_WALL_CLOCK);
    }

    /**
     * @param wallClock the time now, for a live stream, or {@link DetectionPipeline#NO_WALL_CLOCK}
     *                  (see {@link DetectionPipeline#admissionProblem})
     */
    public DecisionPipeline(RuleSet rules, ReferenceDataRepository reference, DecisionAssets assets,
                            CustomerSegments segments, BlockRegistry blocks, LongSupplier wallClock) {
        this.decisions = new AlertDecisions(new Decider(assets, features, segments, rules.version(),
                () -> reference.current().version(), rules.parameters().millis("decision.repeatPeriod"), blocks));
        this.anomalies = new AnomalyWatch(features, () -> assets.live().scoringModel(), rules.parameters());
        this.detection = new DetectionPipeline(rules, reference, decisions, event -> {
            features.observe(event);
            anomalies.observed(event);
        }, wallClock);
    }

    /** Why the event must not enter (see {@link DetectionPipeline#admissionProblem}), or null. */
    public String admissionProblem(TelecomEvent event) {
        return detection.admissionProblem(event);
    }

    /**
     * The event through every stage; what it raised is decided and handed to the sink.
     *
     * @return false for a duplicate (or a refused event), which changed nothing
     * @throws EventFault if a stage threw on the event: this pipeline must then be replaced
     */
    public boolean process(TelecomEvent event, AlertDecisions.Sink sink) {
        boolean fresh = detection.process(event);
        if (fresh) {
            afterRules(event);
        }
        decisions.drainAfter(event.getEventId(), sink);
        return fresh;
    }

    private void afterRules(TelecomEvent event) {
        anomalies.afterRules(event, detection.alerts());
    }

    /**
     * An event of history that was decided before, processed again to rebuild state (a partition taken
     * over, a rule switch, a rebuild after a fault): alerts are remembered as decided, nothing is decided.
     */
    public void warm(TelecomEvent event) {
        anomalies.warming(true);
        try {
            detection.process(event);
        } finally {
            anomalies.warming(false);
        }
        decisions.drainMutedAfter(event.getEventId());
    }

    /** The rolling features and handsets, to hand over to the next owner. */
    public byte[] snapshot() {
        return features.snapshot();
    }

    /** @return lines restored; throws IllegalArgumentException for bytes that are not a snapshot */
    public int restore(byte[] snapshot) {
        return features.restore(snapshot);
    }

    /** What the fraud model found as a detector: lines scored, anomalies raised. */
    public AnomalyWatch.Counts anomalies() {
        return anomalies.counts();
    }

    /** The detection stage's counters (facts, profiles, open alerts, duplicates). */
    public DetectionPipeline detection() {
        return detection;
    }

    /** Ends the stream: open incidents close, and their final alerts go to the sink. */
    public void finish(AlertDecisions.Sink sink) {
        detection.close();
        decisions.drain(sink);
    }

    /** Discards the pipeline; after a fault, whatever its state still throws is not the caller's concern. */
    @Override
    public void close() {
        detection.close();
    }
}
