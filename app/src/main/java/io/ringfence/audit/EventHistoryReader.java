package io.ringfence.audit;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/** Reads the event history back: a partition's tail for the warm-up, a time range for backtests. */
@Component
public class EventHistoryReader {
    /** Takes one stored event's payload; false stops the read (a cancelled or over-budget backtest). */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(long eventTimeMillis, String payload);
    }

    private final JdbcTemplate jdbc;

    public EventHistoryReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A partition's events before {@code beforeOffset}, in offset order: those of the last
     * {@code recentMillis} before {@code newestMillis}, and of the slow kinds (SIM swaps, call
     * forwarding, subscriptions) for {@code slowMillis}. Streamed, so a long window is not held in memory.
     */
    public void partitionTail(int partition, long beforeOffset, long newestMillis, long recentMillis, long slowMillis,
                              Consumer<String> payload) {
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT payload FROM event_history WHERE kafka_partition = ?"
                    + " AND kafka_offset < ? AND event_time >= ? AND (event_time >= ?"
                    + " OR event_type IN ('SIM_SWAP', 'CALL_FORWARD', 'SUBSCRIPTION')) ORDER BY kafka_offset");
            ps.setFetchSize(2000);
            ps.setInt(1, partition);
            ps.setLong(2, beforeOffset);
            ps.setTimestamp(3, new Timestamp(newestMillis - slowMillis));
            ps.setTimestamp(4, new Timestamp(newestMillis - recentMillis));
            return ps;
        }, (java.sql.ResultSet rs) -> {
            payload.accept(rs.getString(1));
        });
    }

    /** How many events the history holds in [from, to): a backtest's progress is measured against it. */
    public long count(Instant from, Instant to) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM event_history WHERE event_time >= ? AND event_time < ?",
                Long.class, Timestamp.from(from), Timestamp.from(to));
        return n == null ? 0 : n;
    }

    /**
     * The events of [from, to) in event-time order (ties in the order the stream consumed them), read
     * through a server-side cursor {@code fetchSize} rows at a time, so a day of history never sits in
     * memory. PostgreSQL's driver uses a cursor only outside auto-commit, hence the read-only transaction.
     *
     * @return false if the visitor stopped the read
     */
    public boolean inEventTimeOrder(Instant from, Instant to, int fetchSize, Visitor visitor) {
        Boolean completed = jdbc.execute((ConnectionCallback<Boolean>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement("SELECT event_time, payload FROM event_history"
                    + " WHERE event_time >= ? AND event_time < ?"
                    + " ORDER BY event_time, kafka_partition, kafka_offset, event_id")) {
                ps.setFetchSize(fetchSize);
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!visitor.visit(rs.getTimestamp(1).getTime(), rs.getString(2))) {
                            return false;
                        }
                    }
                }
                return true;
            } finally {
                end(con, autoCommit);
            }
        });
        return Boolean.TRUE.equals(completed);
    }

    /** Nothing was written: the read's transaction is rolled back before the connection goes back to the pool. */
    private static void end(Connection con, boolean autoCommit) throws java.sql.SQLException {
        con.rollback();
        con.setAutoCommit(autoCommit);
    }
}
