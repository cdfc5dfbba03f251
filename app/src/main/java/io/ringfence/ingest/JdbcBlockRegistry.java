package io.ringfence.ingest;

import io.ringfence.decision.Action;
import io.ringfence.decision.BlockRegistry;
import io.ringfence.detection.Subject;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Blocks in force, shared by every instance through {@code active_block}. Reads see committed
 * blocks, those of the batch still being committed, and those decided earlier in the batch being
 * built; writes wait for the batch's transaction, where a conditional upsert settles a race between
 * two instances blocking the same target: the loser's decision is held back instead of sent.
 */
final class JdbcBlockRegistry implements BlockRegistry {
    private record Key(Action action, Subject target) {
    }

    /** A block decided in this batch, with the block it replaces as the decider saw it (or null). */
    private record Pending(Block block, Block replaced) {
    }

    /** A finished batch's blocks, handed to the thread that commits it; never changed after sealing. */
    static final class Sealed {
        private final Map<Key, Pending> blocks;

        private Sealed(Map<Key, Pending> blocks) {
            this.blocks = blocks;
        }
    }

    private final JdbcTemplate jdbc;
    private Map<Key, Pending> pending = new LinkedHashMap<>();
    /** The previous batch's blocks while its transaction is open: not yet visible in the table. */
    private Map<Key, Pending> inFlight = Map.of();

    JdbcBlockRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Block active(Action action, Subject target, long nowMillis) {
        Key key = new Key(action, target);
        Pending p = pending.get(key);
        if (p == null) {
            p = inFlight.get(key);
        }
        Block b = p != null ? p.block() : committed(action, target);
        return b != null && b.expiresAtMillis() > nowMillis ? b : null;
    }

    private Block committed(Action action, Subject target) {
        List<Block> rows = jdbc.query("SELECT decision_id, set_at, expires_at, case_opened FROM active_block"
                        + " WHERE action = ? AND target_kind = ? AND target_value = ?",
                (rs, i) -> new Block(rs.getString(1), rs.getTimestamp(2).getTime(), rs.getTimestamp(3).getTime(),
                        rs.getBoolean(4)),
                action.name(), target.kind().name(), target.value());
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public void put(Action action, Subject target, Block block, long nowMillis) {
        Key key = new Key(action, target);
        Pending earlier = pending.get(key);
        Block replaced = earlier != null ? earlier.replaced() : active(action, target, nowMillis);
        pending.put(key, new Pending(block, replaced));
    }

    /** The batch is complete: its blocks go to be committed, and stay visible until {@link #committed()}. */
    Sealed seal() {
        Sealed sealed = new Sealed(pending);
        inFlight = pending;
        pending = new LinkedHashMap<>();
        return sealed;
    }

    /** The sealed batch's transaction ended; what it decided is now in the table, or never happened. */
    void committed() {
        inFlight = Map.of();
    }

    /**
     * Writes a sealed batch's blocks in the caller's transaction; safe on another thread.
     *
     * @return decision ids whose block lost a race with another instance: they must not be sent
     */
    static Set<String> flush(Sealed sealed, Connection tx) throws SQLException {
        Set<String> lost = new HashSet<>();
        String sql = "INSERT INTO active_block (action, target_kind, target_value, decision_id, set_at, expires_at, case_opened)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (action, target_kind, target_value) DO UPDATE SET decision_id = EXCLUDED.decision_id,"
                + " set_at = EXCLUDED.set_at, expires_at = EXCLUDED.expires_at, case_opened = EXCLUDED.case_opened"
                + " WHERE active_block.decision_id = ? OR active_block.expires_at <= EXCLUDED.set_at"
                + " OR active_block.decision_id = EXCLUDED.decision_id"
                + " RETURNING decision_id";
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            // In one order for every instance, so that two batches blocking the same targets cannot deadlock.
            List<Map.Entry<Key, Pending>> ordered = new ArrayList<>(sealed.blocks.entrySet());
            ordered.sort(java.util.Comparator.comparing((Map.Entry<Key, Pending> e) -> e.getKey().action().name())
                    .thenComparing(e -> e.getKey().target().kind().name())
                    .thenComparing(e -> e.getKey().target().value()));
            for (Map.Entry<Key, Pending> e : ordered) {
                Block b = e.getValue().block();
                Block replaced = e.getValue().replaced();
                ps.setString(1, e.getKey().action().name());
                ps.setString(2, e.getKey().target().kind().name());
                ps.setString(3, e.getKey().target().value());
                ps.setString(4, b.decisionId());
                ps.setTimestamp(5, new Timestamp(b.setAtMillis()));
                ps.setTimestamp(6, new Timestamp(b.expiresAtMillis()));
                ps.setBoolean(7, b.caseOpened());
                ps.setString(8, replaced == null ? "" : replaced.decisionId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        lost.add(b.decisionId());
                    }
                }
            }
        }
        return lost;
    }

    /** Every batch was committed or abandoned: what they decided is now in the table, or never happened. */
    void clear() {
        pending = new LinkedHashMap<>();
        inFlight = Map.of();
    }
}
