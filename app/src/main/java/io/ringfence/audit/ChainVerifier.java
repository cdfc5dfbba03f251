package io.ringfence.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes the audit trail's hash chains and names the first row where a chain breaks.
 *
 * <p>What it catches: a row whose content was changed (its hash no longer matches), a row whose hash
 * was recomputed after a change (the next row's {@code prev_hash} no longer matches), deleted rows (a
 * gap in {@code chain_seq}, or a chain shorter than its head says). What no chain can catch alone: a
 * rewrite of a whole day's tail together with its head: {@link PublishedHeads} compares the chains with
 * the heads {@link HeadPublisher} signed outside the database.
 */
public class ChainVerifier {
    private static final int FETCH = 1000;
    static final String COLUMNS = "recorded_at, chain_day, chain_seq, entry_kind, decision_id, actor, action, emitted, "
            + "suppressed_by, target_kind, target_value, typology, subscriber, case_id, alert_ids, event_ids, "
            + "rule_set_version, decision_model, decision_model_version, model, model_version, payload, prev_hash, hash";

    /** Where and how a chain is broken. */
    public record Break(LocalDate day, long seq, String problem) {
        @Override
        public String toString() {
            return "day " + day + " seq " + seq + ": " + problem;
        }
    }

    /**
     * @param hashesAt the hashes at the sequence numbers asked for ({@link #verify(Connection, LocalDate, Set)}),
     *                 as far as the chain was intact
     */
    public record DayResult(LocalDate day, long entries, String lastHash, Break firstBreak, Map<Long, String> hashesAt) {
    }

    public record Result(List<DayResult> days) {
        public boolean intact() {
            return firstBreak() == null;
        }

        public Break firstBreak() {
            return days.stream().map(DayResult::firstBreak).filter(b -> b != null).findFirst().orElse(null);
        }

        public long entries() {
            return days.stream().mapToLong(DayResult::entries).sum();
        }
    }

    /** Every day that has a chain head or audit rows, oldest first. Reads in its own transaction. */
    public Result verifyAll(Connection c) throws SQLException {
        List<LocalDate> days = days(c);
        List<DayResult> results = new ArrayList<>();
        for (LocalDate d : days) {
            results.add(verifyDay(c, d));
        }
        return new Result(results);
    }

    public Result verify(Connection c, LocalDate day) throws SQLException {
        return new Result(List.of(verifyDay(c, day)));
    }

    /** One day, also giving the hashes at the sequence numbers {@code at} (published heads to compare with). */
    public DayResult verify(Connection c, LocalDate day, Set<Long> at) throws SQLException {
        return verifyDay(c, day, at);
    }

    /**
     * One day's chain from after {@code afterSeq}, whose row is taken on trust to hash to {@code afterHash} (a
     * verification that already went that far): only the newer rows are read, and the head is checked against them.
     * {@link DayResult#entries()} counts the rows read.
     */
    public DayResult verifyAfter(Connection c, LocalDate day, long afterSeq, byte[] afterHash) throws SQLException {
        return verifyDay(c, day, Set.of(), afterSeq, afterHash);
    }

    /** Every day that has a chain head or audit rows, oldest first. */
    public List<LocalDate> days(Connection c) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_day FROM audit_chain_head UNION "
                + "SELECT DISTINCT chain_day FROM audit_entry ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                days.add(rs.getObject(1, LocalDate.class));
            }
        }
        return days;
    }

    private DayResult verifyDay(Connection c, LocalDate day) throws SQLException {
        return verifyDay(c, day, Set.of());
    }

    private DayResult verifyDay(Connection c, LocalDate day, Set<Long> at) throws SQLException {
        return verifyDay(c, day, at, 0, AuditRow.GENESIS);
    }

    private DayResult verifyDay(Connection c, LocalDate day, Set<Long> at, long afterSeq, byte[] afterHash)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        // A cursor (fetch size honoured) needs a transaction; REPEATABLE READ sees the head and rows as of one moment.
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            DayResult r = walk(c, day, at, afterSeq, afterHash);
            c.commit();
            return r;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(isolation);
        }
    }

    private DayResult walk(Connection c, LocalDate day, Set<Long> at, long afterSeq, byte[] afterHash)
            throws SQLException {
        Map<Long, String> hashesAt = new HashMap<>();
        long headSeq = -1;
        byte[] headHash = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    headSeq = rs.getLong(1);
                    headHash = rs.getBytes(2);
                }
            }
        }
        long expected = afterSeq + 1;
        byte[] prev = afterHash;
        long entries = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_entry WHERE chain_day = ? AND chain_seq > ? ORDER BY chain_seq")) {
            ps.setFetchSize(FETCH);
            ps.setObject(1, day);
            ps.setLong(2, afterSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRow row = read(rs);
                    byte[] storedPrev = rs.getBytes("prev_hash");
                    byte[] storedHash = rs.getBytes("hash");
                    entries++;
                    Break b = null;
                    if (row.chainSeq() != expected) {
                        b = new Break(day, expected, "missing: the chain jumps from seq " + (expected - 1) + " to "
                                + row.chainSeq() + " (rows deleted)");
                    } else if (!Arrays.equals(storedPrev, prev)) {
                        b = new Break(day, row.chainSeq(), expected == 1
                                ? "prev_hash is not the genesis value (rows deleted before it, or prev_hash rewritten)"
                                : "prev_hash does not match the hash of seq " + (expected - 1)
                                        + " (that row and its hash were rewritten, or this row's prev_hash was)");
                    } else if (!Arrays.equals(row.hash(prev), storedHash)) {
                        b = new Break(day, row.chainSeq(), "content does not match its hash (the row was altered after it was written)");
                    }
                    if (b != null) {
                        return new DayResult(day, entries, null, b, hashesAt);
                    }
                    prev = storedHash;
                    if (at.contains(row.chainSeq())) {
                        hashesAt.put(row.chainSeq(), HexFormat.of().formatHex(storedHash));
                    }
                    expected++;
                }
            }
        }
        long last = expected - 1;
        if (headSeq < 0) {
            return new DayResult(day, entries, null, new Break(day, last, "the day has rows but no chain head (audit_chain_head row deleted)"), hashesAt);
        }
        if (headSeq != last) {
            return new DayResult(day, entries, null, new Break(day, last + 1, "missing: the head says the chain ends at seq "
                    + headSeq + " but it ends at seq " + last + (headSeq > last ? " (rows deleted at the end)" : "")), hashesAt);
        }
        if (!Arrays.equals(headHash, prev)) {
            return new DayResult(day, entries, null, new Break(day, last, "the head's last_hash does not match this row's hash"), hashesAt);
        }
        return new DayResult(day, entries, HexFormat.of().formatHex(prev), null, hashesAt);
    }

    static AuditRow read(ResultSet rs) throws SQLException {
        Object emitted = rs.getObject("emitted");
        return new AuditRow(AuditTrail.toMicros(rs.getObject("recorded_at", OffsetDateTime.class)),
                rs.getObject("chain_day", LocalDate.class), rs.getLong("chain_seq"), rs.getString("entry_kind"),
                rs.getString("decision_id"), rs.getString("actor"), rs.getString("action"), (Boolean) emitted,
                rs.getString("suppressed_by"), rs.getString("target_kind"), rs.getString("target_value"),
                rs.getString("typology"), rs.getString("subscriber"), rs.getString("case_id"),
                strings(rs.getArray("alert_ids")), strings(rs.getArray("event_ids")), rs.getString("rule_set_version"),
                rs.getString("decision_model"), rs.getString("decision_model_version"), rs.getString("model"),
                rs.getString("model_version"), rs.getString("payload"));
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        return Arrays.asList((String[]) a.getArray());
    }
}
