package io.ringfence.stream;

import io.ringfence.decision.DecisionPipeline;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * When a partition's profiles go to Redis ({@link ProfileSnapshots}), and how a new pipeline takes them back: saved
 * between batches at most every {@code ringfence.profiles.snapshot-every} and when the partition is revoked,
 * restored by the instance that opens the partition next. Used on the consumer thread only.
 */
@Component
class ProfileHandover {
    // The stream's lines keep the logger name they had before it was split into classes (log searches, alerts).
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    private final ProfileSnapshots profiles;
    private final String topic;
    /** When each partition's profiles were last saved (nanoTime). */
    private final Map<Integer, Long> savedAt = new HashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    ProfileHandover(ProfileSnapshots profiles, KafkaSettings settings) {
        this(profiles, settings.topics().events());
    }

    private ProfileHandover(ProfileSnapshots profiles, String topic) {
        this.profiles = profiles;
        this.topic = topic;
    }

    /** The same for another loop's topic (the subject stage's), with its own record of what was saved when. */
    ProfileHandover forTopic(String other) {
        return new ProfileHandover(profiles, other);
    }

    boolean due(int partition) {
        Long last = savedAt.get(partition);
        return last == null || System.nanoTime() - last >= profiles.every.toNanos();
    }

    /**
     * Only between batches, with nothing in flight, so the snapshot matches the committed offset.
     *
     * @param nextOffset where the partition's committed processing stands (null: never committed, nothing saved)
     */
    void save(int partition, DecisionPipeline pipeline, Long nextOffset) {
        if (pipeline != null && nextOffset != null) {
            profiles.save(topic, partition, nextOffset, pipeline.snapshot());
            savedAt.put(partition, System.nanoTime());
        }
    }

    /** The partition went to another instance. */
    void forget(int partition) {
        savedAt.remove(partition);
    }

    void restore(DecisionPipeline pipeline, TopicPartition tp, long committedNextOffset) {
        byte[] snapshot = profiles.load(tp.topic(), tp.partition(), committedNextOffset);
        if (snapshot == null) {
            return;
        }
        try {
            log.info("Restored {} subscriber profiles of partition {} from Redis", pipeline.restore(snapshot), tp.partition());
        } catch (IllegalArgumentException e) {
            log.warn("ignoring the profile snapshot of partition {}: {}", tp.partition(), e.getMessage());
        }
    }
}
