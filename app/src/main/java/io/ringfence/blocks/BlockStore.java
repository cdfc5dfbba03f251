package io.ringfence.blocks;

import io.ringfence.contract.Action;
import io.ringfence.decision.BlockRegistry.Block;
import io.ringfence.contract.Target;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The blocks in force, one per action and target, in {@code active_block}: the only class that reads or
 * writes that table. The stream, cases and screening share it, so the idempotency key (action, target)
 * and the rule for who wins a race are stated once, here.
 *
 * <p>Writes run in the caller's transaction: the stream's batch connection, or the case's Spring
 * transaction through the {@link JdbcTemplate}.
 */
@Component
public class BlockStore {
    /**
     * A new block replaces the one in force only when that one has lapsed by the new block's start, or
     * when the writer saw it and decided to replace it (its decision id is passed as the replaced one).
     */
    private static final String UPSERT = "INSERT INTO active_block (action, target_kind, target_value, decision_id,"
            + " set_at, expires_at, case_opened) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (action, target_kind, target_value) DO UPDATE SET decision_id = EXCLUDED.decision_id,"
            + " set_at = EXCLUDED.set_at, expires_at = EXCLUDED.expires_at, case_opened = EXCLUDED.case_opened"
            + " WHERE active_block.decision_id = ? OR active_block.expires_at <= EXCLUDED.set_at"
            + " OR active_block.decision_id = EXCLUDED.decision_id"
            + " RETURNING decision_id";
    /**
     * "Run out" is judged on two clocks: the wall clock, and the stream's event time (the slowest
     * partition's newest committed event), because the stream decides on event time and a replayed or
     * delayed stream can be hours behind the wall.
     */
    static final String SWEEP = "DELETE FROM active_block WHERE expires_at < least(now(),"
            + " coalesce((SELECT min(newest_event_at) FROM ingest_offset WHERE topic = ?), now()))";

    /** A block to write: the target, the block, and the decision id of the block it replaces ("" for none). */
    public record Write(Action action, Target target, Block block, String replacedDecisionId) {
    }

    /** A block that was lifted while still in force. */
    public record Lifted(Action action, String decisionId) {
    }

    private final JdbcTemplate jdbc;
    /**
     * The topic whose partitions' event time is the stream's: the subscriber stage's (the subject stage's partitions
     * receive a share of its events, and one with few subjects would hold the sweep back).
     */
    private final String eventsTopic;

    public BlockStore(JdbcTemplate jdbc) {
        this(jdbc, "telecom.events");
    }

    @org.springframework.beans.factory.annotation.Autowired
    public BlockStore(JdbcTemplate jdbc, @org.springframework.beans.factory.annotation.Value(
            "${ringfence.kafka.topics.events:telecom.events}") String eventsTopic) {
        this.jdbc = jdbc;
        this.eventsTopic = eventsTopic;
    }

    /** The committed block for this action and target, lapsed or not, or null. */
    public Block find(Action action, Target target) {
        List<Block> rows = jdbc.query("SELECT decision_id, set_at, expires_at, case_opened FROM active_block"
                        + " WHERE action = ? AND target_kind = ? AND target_value = ?",
                (rs, i) -> new Block(rs.getString(1), rs.getTimestamp(2).getTime(), rs.getTimestamp(3).getTime(),
                        rs.getBoolean(4)),
                action.name(), target.kind().name(), target.value());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Writes a batch's blocks on the batch's connection; safe on another thread than the one deciding.
     * The writes are ordered the same way by every instance, so that two batches blocking the same
     * targets cannot deadlock.
     *
     * @return decision ids whose block lost a race with another instance: they must not be sent
     */
    public static Set<String> write(List<Write> writes, Connection tx) throws SQLException {
        Set<String> lost = new HashSet<>();
        List<Write> ordered = writes.stream()
                .sorted(java.util.Comparator.comparing((Write w) -> w.action().name())
                        .thenComparing(w -> w.target().kind().name())
                        .thenComparing(w -> w.target().value()))
                .toList();
        try (PreparedStatement ps = tx.prepareStatement(UPSERT)) {
            for (Write w : ordered) {
                bind(ps, w.action(), w.target(), w.block(), w.replacedDecisionId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        lost.add(w.block().decisionId());
                    }
                }
            }
        }
        return lost;
    }

    private static void bind(PreparedStatement ps, Action action, Target target, Block b, String replaced)
            throws SQLException {
        ps.setString(1, action.name());
        ps.setString(2, target.kind().name());
        ps.setString(3, target.value());
        ps.setString(4, b.decisionId());
        ps.setTimestamp(5, new Timestamp(b.setAtMillis()));
        ps.setTimestamp(6, new Timestamp(b.expiresAtMillis()));
        ps.setBoolean(7, b.caseOpened());
        ps.setString(8, replaced);
    }

    /** The decision id of the block in force at {@code now}, locked until the caller's transaction ends. */
    public Optional<String> inForceLocked(Action action, Target target, Instant now) {
        return jdbc.query("SELECT decision_id FROM active_block WHERE action = ? AND target_kind = ?"
                                + " AND target_value = ? AND expires_at > ? FOR UPDATE", (rs, i) -> rs.getString(1),
                        action.name(), target.kind().name(), target.value(), Timestamp.from(now))
                .stream().findFirst();
    }

    /**
     * Sets a block a case ordered, unless another block (of the stream or another case) holds the target
     * and has not lapsed: that one stands.
     *
     * @return the decision id of the block in force afterwards: {@code block}'s own when it was written
     */
    public String setByCase(Action action, Target target, Block block) {
        List<String> won = jdbc.query(UPSERT, (rs, i) -> rs.getString(1), action.name(), target.kind().name(),
                target.value(), block.decisionId(), new Timestamp(block.setAtMillis()),
                new Timestamp(block.expiresAtMillis()), block.caseOpened(), "");
        if (!won.isEmpty()) {
            return won.get(0);
        }
        return jdbc.queryForObject("SELECT decision_id FROM active_block WHERE action = ? AND target_kind = ?"
                + " AND target_value = ?", String.class, action.name(), target.kind().name(), target.value());
    }

    /** Deletes every block on the target, lapsed or not; returns those that were still in force. */
    public List<Lifted> liftAll(Target target) {
        return jdbc.query("DELETE FROM active_block WHERE target_kind = ? AND target_value = ?"
                                + " RETURNING action, decision_id, expires_at > now()",
                        (rs, i) -> rs.getBoolean(3) ? new Lifted(Action.valueOf(rs.getString(1)), rs.getString(2)) : null,
                        target.kind().name(), target.value())
                .stream().filter(Objects::nonNull).toList();
    }

    /** The blocks in force on the wall clock: lapsed rows stay until swept but must not come back to life. */
    public List<BlockRow> inForce() {
        return jdbc.query("SELECT action, target_kind, target_value, decision_id, expires_at FROM active_block"
                        + " WHERE expires_at > now()",
                (rs, i) -> new BlockRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).getTime()));
    }

    /**
     * The blocks in force on the target, of every action: what {@link #liftAll} would lift. Judged on the
     * database's clock as {@code liftAll} is, so that a check and the lift it allows in one transaction agree.
     */
    public List<BlockRow> inForceOn(Target target) {
        return jdbc.query("SELECT action, target_kind, target_value, decision_id, expires_at FROM active_block"
                        + " WHERE target_kind = ? AND target_value = ? AND expires_at > now() ORDER BY action",
                (rs, i) -> new BlockRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).getTime()),
                target.kind().name(), target.value());
    }

    /** Deletes the blocks that have run out on both clocks; returns how many. */
    public int sweepLapsed() {
        return jdbc.update(SWEEP, eventsTopic);
    }
}
