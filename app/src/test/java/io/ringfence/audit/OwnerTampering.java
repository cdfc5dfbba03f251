package io.ringfence.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What someone who owns the database can do without leaving a trace in the chain itself: change a
 * row, then recompute every hash after it and the day's stored head, so that the chain verifies.
 */
public final class OwnerTampering {
    private OwnerTampering() {
    }

    /** Rewrites the payload of {@code seq} on {@code day} and re-chains the rest of the day and its head. */
    public static void rewriteConsistently(DataSource owner, LocalDate day, long seq, String payload) throws SQLException {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            List<AuditRow> rows = new ArrayList<>();
            byte[] prev = AuditRow.GENESIS;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ChainVerifier.COLUMNS
                    + " FROM audit_entry WHERE chain_day = ? ORDER BY chain_seq")) {
                ps.setObject(1, day);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditRow r = ChainVerifier.read(rs);
                        if (r.chainSeq() < seq) {
                            prev = rs.getBytes("hash");
                        } else {
                            rows.add(r);
                        }
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE audit_entry SET payload = ?, prev_hash = ?, hash = ? WHERE chain_day = ? AND chain_seq = ?")) {
                for (AuditRow r : rows) {
                    AuditRow changed = r.chainSeq() == seq ? withPayload(r, payload) : r;
                    byte[] hash = changed.hash(prev);
                    update.setString(1, changed.payload());
                    update.setBytes(2, prev);
                    update.setBytes(3, hash);
                    update.setObject(4, day);
                    update.setLong(5, r.chainSeq());
                    update.executeUpdate();
                    prev = hash;
                }
            }
            try (PreparedStatement head = c.prepareStatement("UPDATE audit_chain_head SET last_hash = ? WHERE chain_day = ?")) {
                head.setBytes(1, prev);
                head.setObject(2, day);
                head.executeUpdate();
            }
            c.commit();
        }
    }

    /** Deletes the rows from {@code seq} on and moves the stored head back to match. */
    public static void cutTail(DataSource owner, LocalDate day, long seq) throws SQLException {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM audit_entry WHERE chain_day = ? AND chain_seq >= ?");
                 PreparedStatement head = c.prepareStatement("UPDATE audit_chain_head SET last_seq = ?, last_hash = "
                         + "(SELECT hash FROM audit_entry WHERE chain_day = ? AND chain_seq = ?) WHERE chain_day = ?")) {
                del.setObject(1, day);
                del.setLong(2, seq);
                del.executeUpdate();
                head.setLong(1, seq - 1);
                head.setObject(2, day);
                head.setLong(3, seq - 1);
                head.setObject(4, day);
                head.executeUpdate();
            }
            c.commit();
        }
    }

    private static AuditRow withPayload(AuditRow r, String payload) {
        return new AuditRow(r.recordedAtMicros(), r.chainDay(), r.chainSeq(), r.entryKind(), r.decisionId(), r.actor(),
                r.action(), r.emitted(), r.suppressedBy(), r.targetKind(), r.targetValue(), r.typology(),
                r.subscriber(), r.caseId(), r.alertIds(), r.eventIds(), r.ruleSetVersion(), r.decisionModel(),
                r.decisionModelVersion(), r.model(), r.modelVersion(), payload);
    }
}
