package io.ringfence.ingest;

import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.BlockRegistry;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.RuleSet;
import io.ringfence.event.TelecomEvent;
import io.ringfence.features.FeatureTracker;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.pipeline.EventFault;
import io.ringfence.reference.ReferenceDataRepository;

/**
 * Everything one Kafka partition's events go through, with its own state: enrichment profiles,
 * features, the CEP session, the decider. The topic is keyed by subscriber, so a subscriber's state
 * lives here and nowhere else while this instance owns the partition.
 */
final class PartitionPipeline implements AutoCloseable {
    final int partition;
    private final DetectionPipeline pipeline;
    private final AlertDecisions decisions;
    private final FeatureTracker features;

    PartitionPipeline(int partition, RuleSet rules, ReferenceDataRepository reference, DecisionAssets assets,
                      CustomerSegments segments, BlockRegistry blocks) {
        this.partition = partition;
        this.features = new FeatureTracker();
        this.decisions = new AlertDecisions(new Decider(assets, features, segments, rules.version(),
                rules.parameters().millis("decision.repeatPeriod"), blocks));
        this.pipeline = new DetectionPipeline(rules, reference, decisions, features::observe);
    }

    /** Why the event must not enter (see {@link DetectionPipeline#admissionProblem}), or null. */
    String admissionProblem(TelecomEvent event) {
        return pipeline.admissionProblem(event);
    }

    /**
     * @return false for a duplicate
     * @throws EventFault if a stage threw on the event: this pipeline is then unusable and must be rebuilt
     */
    boolean process(TelecomEvent event, AlertDecisions.Sink sink) {
        boolean fresh = pipeline.process(event);
        decisions.drainAfter(event.getEventId(), sink);
        return fresh;
    }

    /** An event from history, processed again to rebuild state; what it raises was decided before. */
    void warm(TelecomEvent event) {
        pipeline.process(event);
        decisions.drainMutedAfter(event.getEventId());
    }

    /** The rolling features and handsets, to hand over (see {@link ProfileSnapshots}). */
    byte[] snapshot() {
        return features.snapshot();
    }

    /** @return lines restored; throws IllegalArgumentException for bytes that are not a snapshot */
    int restore(byte[] snapshot) {
        return features.restore(snapshot);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
