package io.ringfence.audit;

import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.detection.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures from the stores: counted in the window of traffic time and nowhere else. */
class ActivityCountsTest {
    private static final Instant T = Instant.parse("2026-09-01T08:00:00Z");

    @Test
    void decisionsAlertsAndExposureAreCountedInTheWindowOnly() throws SQLException {
        DataSource db = TestDatabase.fresh();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertThat(ActivityCounts.newestDecision(jdbc)).isNull();

        Decision held = AuditFixtures.decision("D3", Action.BLOCK_SUBSCRIBER, "447700900001", "IRSF", T.plusSeconds(120));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            new AuditTrail(new DailyPartitions(db), db).appendDecisions(c, List.of(
                    AuditFixtures.audited(AuditFixtures.decision("D1", Action.BLOCK_SUBSCRIBER, "447700900001", "IRSF", T)),
                    AuditFixtures.audited(AuditFixtures.decision("D2", Action.MONITOR, "447700900002", "SIMBOX", T.plusSeconds(60))),
                    new AuditedDecision(held, AuditFixtures.json(held), false, "D1", List.of("E9")),
                    AuditFixtures.audited(AuditFixtures.decision("D4", Action.BLOCK_NUMBER, "447700900003", "WANGIRI",
                            T.plusSeconds(400))),
                    AuditFixtures.audited(AuditFixtures.decision("D5", Action.BLOCK_SUBSCRIBER, "447700900004", "IRSF",
                            T.minusSeconds(3_600)))));
            new AlertStore().upsert(c, List.of(AlertStoreTest.alert("AL1", Severity.HIGH, T.toEpochMilli()),
                    AlertStoreTest.alert("AL2", Severity.HIGH, T.plusSeconds(90).toEpochMilli()),
                    AlertStoreTest.alert("AL-old", Severity.HIGH, T.minusSeconds(7_200).toEpochMilli())));
            c.commit();
        }
        Instant from = T;
        Instant to = T.plusSeconds(300);

        assertThat(ActivityCounts.newestDecision(jdbc)).isEqualTo(T.plusSeconds(400));
        ActivityCounts.Decisions d = ActivityCounts.decisions(jdbc, from, to);
        assertThat(d.total()).isEqualTo(3);
        assertThat(d.sent()).as("D3 was held back by D1's block").isEqualTo(2);
        assertThat(d.byAction()).isEqualTo(Map.of("BLOCK_SUBSCRIBER", 2L, "MONITOR", 1L));
        assertThat(d.byTypology()).isEqualTo(Map.of("IRSF", Map.of("BLOCK_SUBSCRIBER", 2L), "SIMBOX", Map.of("MONITOR", 1L)));
        ActivityCounts.Prevented p = ActivityCounts.prevented(jdbc, from, to);
        assertThat(p.blocks()).as("sent blocks only: not the monitor, not the held-back block").isOne();
        assertThat(p.exposure()).isEqualByComparingTo(new BigDecimal("120"));
        assertThat(ActivityCounts.alerts(jdbc, from, to)).isEqualTo(Map.of("IRSF", 2L));
        assertThat(ActivityCounts.alertsByRule(jdbc, from, to)).isEqualTo(Map.of("IRSF-001", 2L));
        assertThat(ActivityCounts.newestAlert(jdbc)).isEqualTo(T.plusSeconds(90));

        Map<Instant, long[]> steps = ActivityCounts.perStep(jdbc, from, to, 60);
        assertThat(steps.keySet()).containsExactlyInAnyOrder(T, T.plusSeconds(60), T.plusSeconds(120));
        assertThat(steps.get(T)).containsExactly(1, 1);
        assertThat(steps.get(T.plusSeconds(60))).containsExactly(1, 1);
        assertThat(steps.get(T.plusSeconds(120))).containsExactly(1, 0);
    }
}
