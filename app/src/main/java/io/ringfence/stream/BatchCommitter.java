package io.ringfence.stream;

import io.ringfence.blocks.JdbcBlockRegistry;
import io.ringfence.contract.Decision;
import io.ringfence.outbox.OutboxRelay;
import io.ringfence.output.DecisionText;
import io.ringfence.screening.BlockMirror;
import io.ringfence.tracing.Traces;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * Commits one batch ({@link BatchStore}) on the committer thread and does at once what follows the commit, so
 * decisions do not wait for the next poll: the outbox relay woken, the metrics, a DECISION line for each decision
 * sent, and each block mirrored to Redis for the screening API.
 */
@Component
class BatchCommitter {
    // The stream's lines keep the logger name they had before it was split into classes (log searches, alerts).
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    private final BatchStore store;
    private final IngestMetrics metrics;
    private final BlockMirror mirror;
    private final KafkaSettings.Topics topics;
    private final Traces traces;

    BatchCommitter(BatchStore store, IngestMetrics metrics, BlockMirror mirror, KafkaSettings settings, Traces traces) {
        this.store = store;
        this.metrics = metrics;
        this.mirror = mirror;
        this.topics = settings.topics();
        this.traces = traces;
    }

    /**
     * @param expected where this instance believes each partition's committed processing stands
     * @see BatchStore#commit
     */
    BatchStore.Committed commit(Batch batch, JdbcBlockRegistry.Sealed sealed, StreamStage stage, Map<Integer, Long> expected,
                                long startedNanos, OutboxRelay relay) {
        long commitStarted = Traces.nowMicros();
        BatchStore.Committed committed;
        try {
            committed = store.commit(batch, sealed, topics, stage, expected);
        } catch (RuntimeException e) {
            batch.decisions.forEach(d -> DecisionSpans.notCommitted(d.span(), e));
            throw e;
        }
        if (!batch.alerts.isEmpty() || !batch.decisions.isEmpty()) {
            relay.wake(); // the batch wrote to the outbox
        }
        metrics.batch(batch, committed, startedNanos, stage.storesHistory());
        Set<String> sent = committed.emittedIds();
        for (Batch.Decided decided : batch.decisions) {
            Decision d = decided.outcome().decision();
            if (sent.contains(d.decisionId())) {
                // In the decision's span: the line carries its trace id, as do the collector's spans.
                try (Tracer.SpanInScope inSpan = traces.inScope(decided.span())) {
                    log.info("DECISION {}", DecisionText.line(d));
                }
                if (d.action().isBlock()) {
                    mirrorBlock(d);
                }
            }
            DecisionSpans.committed(decided.span(), sent.contains(d.decisionId()), commitStarted);
        }
        return committed;
    }

    /** After the commit: the database holds the block; Redis serves it to the screening API. */
    private void mirrorBlock(Decision d) {
        try {
            mirror.blocked(d);
        } catch (RuntimeException e) {
            // The block is committed; the mirror is rewritten from active_block at the next start.
            log.warn("block {} committed but not mirrored to Redis: {}", d.decisionId(), e.getMessage());
        }
    }
}
