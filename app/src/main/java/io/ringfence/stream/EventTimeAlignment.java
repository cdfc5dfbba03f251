package io.ringfence.stream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Keeps the subscriber stage's partitions within {@code ringfence.stream.max-skew} of event time of each other, on every
 * instance. The subject stage merges what all of them hand over into sessions with one clock each: a partition an hour
 * ahead of another (a backlog read back, an instance that started later) would push that clock an hour past the
 * other's events, and the subject stage's windows would miss what one partition sees together. A live stream keeps
 * its partitions seconds apart anyway; a backlog is read in step.
 *
 * <p>The pace is the newest event time of the slowest partition still behind its end: this instance's own from what it
 * processed, the others' from {@code ingest_offset} (every instance commits there) and the topic's end offsets, read at
 * most every {@link #REFRESH}. A partition ahead of the pace by more than the skew is paused; within a poll, each
 * partition stops at the first event beyond it ({@link #limit}), after at least one, so the slowest always moves on.
 * A partition that has never committed holds nobody back until it has; a caught-up one is never waited for.
 */
final class EventTimeAlignment {
    static final Duration REFRESH = Duration.ofMillis(100);

    private final String topic;
    private final long maxSkewMillis;
    private final BatchStore store;
    /** This instance's partitions: the newest event time each has processed. */
    private final Map<Integer, Long> newest = new HashMap<>();
    private Map<Integer, BatchStore.Position> committed = Map.of();
    private Map<TopicPartition, Long> end = Map.of();
    private List<TopicPartition> all;
    private long refreshedAt;
    private Long pace;

    EventTimeAlignment(String topic, Duration maxSkew, BatchStore store) {
        this.topic = topic;
        this.maxSkewMillis = maxSkew.toMillis();
        this.store = store;
    }

    /** The latest event time a partition may go to in the next poll (after its first event), or null: no limit. */
    Long limit() {
        return pace == null ? null : pace + maxSkewMillis;
    }

    /** After a failed batch or a rule switch: the partitions go back to what the database holds. */
    void reset() {
        newest.clear();
    }

    /** What a poll's partitions reached. */
    void processed(Map<Integer, Long> newestEventAt) {
        newestEventAt.forEach((p, t) -> newest.merge(p, t, Math::max));
    }

    /** Between polls, on the consumer thread. */
    void align(Consumer<byte[], byte[]> consumer) {
        long now = System.nanoTime();
        if (all == null || now - refreshedAt >= REFRESH.toNanos()) {
            if (all == null) {
                all = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            committed = store.positions(topic);
            end = consumer.endOffsets(all, Duration.ofSeconds(30));
            refreshedAt = now;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        newest.keySet().removeIf(p -> !assigned.contains(new TopicPartition(topic, p)));
        pace = null;
        for (TopicPartition tp : all) {
            boolean mine = assigned.contains(tp);
            Long reached = reached(tp);
            boolean behind;
            if (mine) {
                OptionalLong lag = consumer.currentLag(tp);
                behind = lag.isEmpty() || lag.getAsLong() > 0;
            } else {
                BatchStore.Position at = committed.get(tp.partition());
                // One more than the last record: the marker that ends a transactional producer's last transaction.
                behind = end.getOrDefault(tp, 0L) > (at == null ? 0 : at.nextOffset()) + 1;
            }
            if (!behind) {
                continue;
            }
            if (reached == null) {
                pace = null; // a partition not started yet: its events may be the earliest of all
                break;
            }
            pace = pace == null ? reached : Math.min(pace, reached);
        }
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : assigned) {
            Long reached = reached(tp);
            boolean ahead = pace != null && reached != null && reached > pace + maxSkewMillis;
            if (ahead && !paused.contains(tp)) {
                pause.add(tp);
            } else if (!ahead && paused.contains(tp)) {
                resume.add(tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private Long reached(TopicPartition tp) {
        Long mine = newest.get(tp.partition());
        if (mine != null) {
            return mine;
        }
        BatchStore.Position at = committed.get(tp.partition());
        return at == null ? null : at.newestEventAtMillis();
    }
}
