package io.ringfence.audit;

import io.ringfence.contract.AlertMessage;
import io.ringfence.detection.Alert;
import io.ringfence.detection.RuleMatch;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.ringfence.audit.EventHistoryWriterTest.inTx;
import static org.assertj.core.api.Assertions.assertThat;

class AlertStoreTest {

    static AlertMessage alert(String id, Severity severity, long at) {
        return detected(id, severity, at).message(null, null, null);
    }

    static Alert detected(String id, Severity severity, long at) {
        return new Alert(id, new RuleMatch("IRSF-001", "1", Typology.IRSF, severity, Subject.subscriber("447700900001"),
                "447700900001", at - 60_000, at, at, List.of("E1", "E2"), Map.of("calls", 9)));
    }

    @Test
    void raisedThenEscalatedThenClosed() throws SQLException {
        DataSource db = TestDatabase.fresh();
        AlertStore store = new AlertStore();
        long t0 = 1_785_000_000_000L;
        inTx(db, c -> store.upsert(c, List.of(alert("A1", Severity.HIGH, t0))));
        AlertMessage escalated = detected("A1", Severity.CRITICAL, t0 + 600_000).message(0.97, "fraud-score", "2.0");
        inTx(db, c -> store.upsert(c, List.of(escalated)));

        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) OVER (), severity, score, detected_at, last_match_at, closed, payload "
                     + "FROM alert_record WHERE alert_id = 'A1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("CRITICAL");
            assertThat(rs.getDouble(3)).isEqualTo(0.97);
            // Identity stays as first raised; what changed follows the alert.
            assertThat(rs.getObject(4, java.time.OffsetDateTime.class).toInstant().toEpochMilli()).isEqualTo(t0);
            assertThat(rs.getObject(5, java.time.OffsetDateTime.class).toInstant().toEpochMilli()).isEqualTo(t0 + 600_000);
            assertThat(rs.getBoolean(6)).isFalse();
            assertThat(rs.getString(7)).startsWith("{\"alertId\":\"A1\"").contains("\"severity\":\"CRITICAL\"").doesNotEndWith("\n");
        }
        inTx(db, c -> store.close(c, List.of("A1", "unknown")));
        assertThat(EventHistoryWriterTest.count(db, "SELECT count(*) FROM alert_record WHERE closed")).isEqualTo(1);
    }
}
