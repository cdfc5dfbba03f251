package io.ringfence.audit;

import io.ringfence.contract.AlertJson;
import io.ringfence.contract.AlertMessage;

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
    public void upsert(Connection tx, List<AlertMessage> alerts) {
        upsert(tx, alerts, AlertStore::contractJson);
    }

    /**
     * Raised or updated alerts. An update keeps the alert's identity fields (typology, subject,
     * detection time) and its closed flag; severity, score, last match and JSON follow the alert.
     */
    public void upsert(Connection tx, List<AlertMessage> alerts, Function<AlertMessage, String> json) {
        if (alerts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(UPSERT_SQL)) {
            for (AlertMessage a : alerts) {
                int i = 0;
                ps.setString(++i, a.alertId());
                ps.setString(++i, a.typology());
                ps.setString(++i, a.subject().kind().name());
                ps.setString(++i, a.subject().value());
                ps.setString(++i, a.subscriber());
                ps.setString(++i, a.severity());
                if (a.score() == null) {
                    ps.setNull(++i, Types.DOUBLE);
                } else {
                    ps.setDouble(++i, a.score());
                }
                ps.setString(++i, a.ruleId());
                ps.setObject(++i, AuditTrail.toOffsetDateTime(a.detectedAtMillis() * 1000));
                ps.setObject(++i, AuditTrail.toOffsetDateTime(a.lastMatchAtMillis() * 1000));
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

    static String contractJson(AlertMessage a) {
        return AlertJson.json(a);
    }
}
