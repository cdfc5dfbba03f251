package io.ringfence.stream;

import io.ringfence.decision.BlockRegistry;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.pipeline.EventFault;
import io.ringfence.reference.ReferenceDataRepository;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A partition's {@link DecisionPipeline}, new or warmed up on the partition's history: whenever a partition is
 * opened (assigned, resumed after a failed batch, switched to new rules) or rebuilt after a fault, its windows,
 * profiles and features are put back as they were before, with decisions muted.
 */
@Component
class PipelineWarmUp {
    // The stream's lines keep the logger name they had before it was split into classes (log searches, alerts).
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);
    /** Events of a partition's history that may throw in turn while it is rebuilt, before it starts without history. */
    private static final int MAX_HISTORY_FAULTS = 3;

    private final ReferenceDataRepository reference;
    private final DecisionAssets assets;
    private final CustomerSegments segments;
    private final BatchStore store;
    private final ProfileHandover profiles;
    private final IngestMetrics metrics;
    private final SubjectHistory subjectHistory;
    private final String subjectTopic;
    private final EventParser parser = new EventParser();

    PipelineWarmUp(ReferenceDataRepository reference, DecisionAssets assets, CustomerSegments segments, BatchStore store,
                   ProfileHandover profiles, IngestMetrics metrics, SubjectHistory subjectHistory, KafkaSettings settings) {
        this.reference = reference;
        this.assets = assets;
        this.segments = segments;
        this.store = store;
        this.profiles = profiles;
        this.metrics = metrics;
        this.subjectHistory = subjectHistory;
        this.subjectTopic = settings.topics().subject();
    }

    /**
     * A pipeline with nothing in it, for a partition with no committed history. A live stream's pipeline
     * knows the time now: an event not ahead of it is never refused as a clock jump.
     */
    DecisionPipeline fresh(RuleSet rules, BlockRegistry blocks) {
        return new DecisionPipeline(rules, reference, assets, segments, blocks, System::currentTimeMillis);
    }

    /**
     * A pipeline holding what the partition's history up to {@code at} (and the events of the current batch
     * not yet committed) put into it. An event of that history that throws in turn is left out and the
     * warm-up starts again without it, a few times at most; then the partition starts without history
     * rather than not at all.
     */
    DecisionPipeline warmed(RuleSet rules, BlockRegistry blocks, TopicPartition tp, BatchStore.Position at,
                            List<Batch.Event> uncommitted) {
        return warmed(rules, blocks, tp, at, uncommitted, new HashSet<>(), fault -> metrics.fault(fault, true));
    }

    /**
     * A rule set in shadow's pipeline for the partition, warmed up as the live one is, with its own blocks in memory:
     * the events it is known to throw on ({@code faults}, which gains any new one) are left out from the start, and
     * its faults are counted as the shadow's, never as the live stream's.
     */
    DecisionPipeline challenger(RuleSet rules, TopicPartition tp, BatchStore.Position at, List<Batch.Event> uncommitted,
                                Set<String> faults) {
        if (at == null) {
            return fresh(rules, BlockRegistry.inMemory());
        }
        return warmed(rules, BlockRegistry.inMemory(), tp, at, uncommitted, faults, metrics::shadowFault);
    }

    private DecisionPipeline warmed(RuleSet rules, BlockRegistry blocks, TopicPartition tp, BatchStore.Position at,
                                    List<Batch.Event> uncommitted, Set<String> leftOut,
                                    java.util.function.Consumer<EventFault> counted) {
        int faults = 0;
        while (true) {
            DecisionPipeline pipeline = fresh(rules, blocks);
            try {
                if (at != null && at.newestEventAtMillis() != null) {
                    profiles.restore(pipeline, tp, at.nextOffset());
                    warmUp(rules, pipeline, tp, at, leftOut);
                }
                for (Batch.Event e : uncommitted) {
                    warm(pipeline, e.json(), leftOut);
                }
                return pipeline;
            } catch (EventFault fault) {
                pipeline.close();
                counted.accept(fault);
                leftOut.add(fault.eventId());
                faults++;
                log.error("warming partition {} up: event {} of its history threw; left out ({} so far): {}",
                        tp.partition(), fault.eventId(), leftOut.size(), fault.reason(), fault);
                if (faults >= MAX_HISTORY_FAULTS) {
                    log.error("partition {} starts without its history after {} faults in it", tp.partition(), faults);
                    return fresh(rules, blocks);
                }
            }
        }
    }

    /**
     * The partition's recent history goes through the new pipeline again, decisions muted, so that
     * windows, profiles and features hold what they held before the hand-over: the CEP retention of
     * voice and SMS (4 h) for everything, and the slow provisioning kinds for up to 72 h.
     */
    private void warmUp(RuleSet rules, DecisionPipeline pipeline, TopicPartition tp, BatchStore.Position at,
                        Set<String> leftOut) {
        int partition = tp.partition();
        long started = System.nanoTime();
        long[] counts = new long[1];
        java.util.function.Consumer<String> each = json -> {
            if (warm(pipeline, json, leftOut)) {
                counts[0]++;
            }
        };
        if (tp.topic().equals(subjectTopic)) {
            // The subject stage's rules count calls, messages and queries: the voice and SMS retention covers them.
            long retention = rules.parameters().millis("retention.voice");
            long oldest = at.newestEventAtMillis() - retention;
            subjectHistory.read(tp, at, retention, json -> {
                if (parser.parse(json) instanceof ParseResult.Accepted a && a.event().getTimestampMillis() >= oldest) {
                    each.accept(json);
                }
            });
        } else {
            store.history(partition, at.nextOffset(), at.newestEventAtMillis(), rules.parameters().millis("retention.voice"),
                    rules.parameters().millis("retention.subscription"), each);
        }
        log.info("Warmed up partition {} with {} events of its history in {} ms", partition, counts[0],
                (System.nanoTime() - started) / 1_000_000);
    }

    /** @throws EventFault if the event throws in the pipeline (the caller rebuilds without it) */
    private boolean warm(DecisionPipeline pipeline, String json, Set<String> leftOut) {
        if (parser.parse(json) instanceof ParseResult.Accepted a && pipeline.admissionProblem(a.event()) == null
                && !leftOut.contains(a.event().getEventId())) {
            pipeline.warm(a.event());
            return true;
        }
        return false;
    }
}
