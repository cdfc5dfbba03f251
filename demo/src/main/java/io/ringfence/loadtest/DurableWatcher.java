package io.ringfence.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches what the service has made durable, as a compliance officer or a restart would find it:
 * {@code ingest_offset} (each batch's offsets commit with its event history, alerts, audit and
 * outbox) and the audit trail's DECISION rows. Polled every few milliseconds, so a latency is
 * overstated by up to one poll interval, never understated.
 */
final class DurableWatcher implements Runnable {
    static final long POLL_NANOS = 5_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;
    private final String topic;
    private final SendTimes times;
    private final long measureFromNanos;
    private final Latency events = new Latency();
    private final Latency audit = new Latency();
    private final long[] done;
    private final Map<String, Long> chainSeen = new HashMap<>();
    private final Timeline timeline;
    private volatile long durable;
    private volatile long auditRows;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param measureFromNanos events sent before this (the warm-up) count as durable but are not measured
     * @param originNanos      second 0 of the {@link #timeline()}
     */
    DurableWatcher(String jdbcUrl, String topic, SendTimes times, long measureFromNanos, long originNanos) {
        this.timeline = new Timeline(originNanos);
        this.jdbcUrl = jdbcUrl;
        this.topic = topic;
        this.times = times;
        this.measureFromNanos = measureFromNanos;
        this.done = new long[times.partitions()];
    }

    @Override
    public void run() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement heads = c.prepareStatement("SELECT 'o', partition::text, next_offset FROM ingest_offset"
                     + " WHERE topic = ? UNION ALL SELECT 'a', chain_day::text, last_seq FROM audit_chain_head");
             PreparedStatement rows = c.prepareStatement("SELECT chain_seq, payload FROM audit_entry WHERE"
                     + " chain_day = ?::date AND chain_seq > ? AND entry_kind = 'DECISION' ORDER BY chain_seq")) {
            heads.setString(1, topic);
            while (running) {
                long tick = System.nanoTime();
                poll(heads, rows);
                long wait = tick + POLL_NANOS - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private void poll(PreparedStatement heads, PreparedStatement rows) throws SQLException {
        Map<String, Long> chains = new HashMap<>();
        long now;
        try (ResultSet rs = heads.executeQuery()) {
            now = System.nanoTime();
            while (rs.next()) {
                if (rs.getString(1).equals("o")) {
                    offsets(Integer.parseInt(rs.getString(2)), rs.getLong(3), now);
                } else {
                    chains.put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        for (Map.Entry<String, Long> chain : chains.entrySet()) {
            long seen = chainSeen.getOrDefault(chain.getKey(), 0L);
            if (chain.getValue() > seen) {
                decisions(rows, chain.getKey(), seen, now);
                chainSeen.put(chain.getKey(), chain.getValue());
            }
        }
    }

    private void offsets(int partition, long next, long now) {
        long added = 0;
        long oldest = Long.MAX_VALUE;
        for (long o = done[partition]; o < next; o++) {
            long sent = times.sentAt(partition, o);
            if (sent >= measureFromNanos) {
                events.record(now - sent);
            }
            oldest = Math.min(oldest, sent);
            added++;
        }
        if (added > 0) {
            done[partition] = next;
            durable += added;
            timeline.durable(now, added, now - oldest);
        }
    }

    private void decisions(PreparedStatement rows, String day, long after, long now) throws SQLException {
        rows.setString(1, day);
        rows.setLong(2, after);
        try (ResultSet rs = rows.executeQuery()) {
            while (rs.next()) {
                auditRows++;
                long sent = times.firstSentAtOrAfter(decidedAt(rs.getString(2)));
                if (sent >= measureFromNanos) {
                    audit.record(now - sent);
                }
            }
        }
    }

    static long decidedAt(String decisionJson) {
        try {
            return java.time.Instant.parse(JSON.readTree(decisionJson).path("decidedAt").asText()).toEpochMilli();
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("a decision without a readable decidedAt: " + e.getMessage(), e);
        }
    }

    void stop() {
        running = false;
    }

    long durable() {
        return durable;
    }

    long auditRows() {
        return auditRows;
    }

    Latency events() {
        return events;
    }

    Latency audit() {
        return audit;
    }

    /** Second by second over the whole run, warm-up included: where a backlog built, and when it cleared. */
    Timeline timeline() {
        return timeline;
    }

    Exception failure() {
        return failure;
    }
}
