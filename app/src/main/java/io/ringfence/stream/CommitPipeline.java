package io.ringfence.stream;

import io.ringfence.blocks.JdbcBlockRegistry;
import io.ringfence.outbox.OutboxRelay;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One batch in flight: a batch is handed to the committer thread and the consumer thread goes on with the next
 * poll; the next batch waits for it before it is handed over, so commits stay in offset order and the fencing
 * check sees the positions the previous commit left. Also where each assigned partition's committed processing
 * stands, as this instance believes, and Kafka's offsets, which follow for lag monitoring. Used on the consumer
 * thread only, except {@link #awaitCommitted}.
 */
final class CommitPipeline {
    // The stream's lines keep the logger name they had before it was split into classes (log searches, alerts).
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    /** The batch handed to the committer and not yet seen committed. */
    private record InFlight(Batch batch, Future<BatchStore.Committed> commit) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final ExecutorService committer;
    private final BatchCommitter batches;
    private final OutboxRelay relay;
    private final JdbcBlockRegistry blocks;
    private final StreamStage stage;
    private final String topic;
    /** Where each assigned partition's committed processing stands, as this instance believes (null: never). */
    private final Map<Integer, Long> positions = new HashMap<>();
    /** Written on the consumer thread; read by a partition's thread that must see it committed ({@link #awaitCommitted}). */
    private volatile InFlight inFlight;

    CommitPipeline(Consumer<byte[], byte[]> consumer, ExecutorService committer, BatchCommitter batches,
                   OutboxRelay relay, JdbcBlockRegistry blocks, StreamStage stage) {
        this.consumer = consumer;
        this.committer = committer;
        this.batches = batches;
        this.relay = relay;
        this.blocks = blocks;
        this.stage = stage;
        this.topic = stage.topic();
    }

    /**
     * Hands the batch to the committer once the one before it has committed, and returns: a failed commit is
     * seen when the next batch waits for it, and both are consumed again from the last commit.
     */
    void submit(Batch batch, long startedNanos) throws ExecutionException, InterruptedException {
        settle();
        JdbcBlockRegistry.Sealed sealed = blocks.seal();
        Map<Integer, Long> expected = new HashMap<>(positions);
        inFlight = new InFlight(batch, committer.submit(() -> batches.commit(batch, sealed, stage, expected, startedNanos, relay)));
    }

    /**
     * Waits for the batch in flight, if any; then the positions move on and Kafka's offsets follow.
     *
     * @throws ExecutionException with the commit's failure: the in-memory state is then ahead of the database and
     *                            must be rebuilt
     */
    void settle() throws ExecutionException, InterruptedException {
        InFlight f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        try {
            f.commit().get();
        } finally {
            blocks.committed();
        }
        Batch batch = f.batch();
        positions.putAll(batch.nextOffsets);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        batch.nextOffsets.forEach((p, next) -> offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(next)));
        consumer.commitAsync(offsets, null);
    }

    /**
     * For a partition's thread that reads its history from the database (the fault barrier's rebuild): waits
     * until the batch in flight is in it. Moves nothing on and touches no consumer: the consumer thread does that
     * at its next {@link #settle}, once every partition has finished.
     *
     * @throws ExecutionException with the commit's failure: the poll fails and is consumed again, as at settle
     */
    void awaitCommitted() throws ExecutionException, InterruptedException {
        InFlight f = inFlight;
        if (f != null) {
            f.commit().get();
        }
    }

    /**
     * Before the pipelines are rebuilt from the database: nothing may still be writing to it.
     *
     * @return false if the batch in flight did not commit (the in-memory state is ahead of the database)
     */
    boolean settleQuietly() {
        try {
            settle();
            return true;
        } catch (ExecutionException e) {
            log.warn("the batch in flight did not commit ({}); it is consumed again", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("after the batch in flight: {}", e.toString());
        }
        return false;
    }

    /** Everything not committed is dropped: the partitions are opened again from what the database holds. */
    void restart() {
        settleQuietly();
        blocks.clear();
        positions.clear();
    }

    /** Null if nothing was committed for the partition (or it is not assigned). */
    Long position(int partition) {
        return positions.get(partition);
    }

    /** The partition was opened where the database says its committed processing stands. */
    void openedAt(int partition, Long nextOffset) {
        positions.put(partition, nextOffset);
    }

    /** The partition went to another instance. */
    void forget(int partition) {
        positions.remove(partition);
    }
}
