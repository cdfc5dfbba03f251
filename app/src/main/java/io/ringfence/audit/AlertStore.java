package io.ringfence.audit;

import io.ringfence.detection.Alert;
import io.ringfence.output.AlertJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps {@code alert_record} as each alert was when last raised, escalated or closed: one row per
 * alert id, written with a batched upsert in the caller's transaction.
 */
public class AlertStore {
    static final String UPSERT_SQL = "INSERT INTO alert_record (alert_id, typology, subject_kind, subject_value, "
            + "subscriber, severity, score, rule_id, detected_at, last_match_at, closed, payload) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,false,?) ON CONFLICT (alert_id) DO UPDATE SET severity = EXCLUDED.severity, "
            + "score = EXCLUDED.score, last_match_at = EXCLUDED.last_match_at, payload = EXCLUDED.payload";

    /** Raised or updated alerts, stored with the contract's JSON ({@link AlertJson}). */
    public void upsert(Connection tx, List<Alert> alerts) {
        upsert(tx, alerts, AlertStore::contractJson);
    }

    /**
     * Raised or updated alerts. An update keeps the alert's identity fields (typology, subject,
     * detection time) and its closed flag; severity, score, last match and JSON follow the alert.
     */
    public void upsert(Connection tx, List<Alert> alerts, Function<Alert, String> json) {
        if (alerts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(UPSERT_SQL)) {
            for (Alert a : alerts) {
                int i = 0;
                ps.setString(++i, a.getAlertId());
                ps.setString(++i, a.getTypology().name());
                ps.setString(++i, a.getSubject().kind().name());
                ps.setString(++i, a.getSubject().value());
                ps.setString(++i, a.getSubscriber());
                ps.setString(++i, a.getSeverity().name());
                if (a.getScore() == null) {
                    ps.setNull(++i, Types.DOUBLE);
                } else {
                    ps.setDouble(++i, a.getScore());
                }
                ps.setString(++i, a.getRuleId());
                ps.setObject(++i, AuditTrail.toOffsetDateTime(a.getDetectedAt() * 1000));
                ps.setObject(++i, AuditTrail.toOffsetDateTime(a.getLastMatchAt() * 1000));
                ps.setString(++i, json.apply(a));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new AuditStoreException("cannot store " + alerts.size() + " alerts", e);
        }
    }

    /** Marks alerts closed (their incident is over); unknown ids are ignored. */
    public void close(Connection tx, Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("UPDATE alert_record SET closed = true WHERE alert_id = ANY (?)")) {
            ps.setArray(1, tx.createArrayOf("text", alertIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new AuditStoreException("cannot close " + alertIds.size() + " alerts", e);
        }
    }

    static String contractJson(Alert a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            AlertJson.writeLine(a, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String s = out.toString(StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
