package io.ringfence.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.function.Consumer;

/** Reads the event history back in offset order, for a partition's sessions to warm up on. */
@Component
public class EventHistoryReader {
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
}
