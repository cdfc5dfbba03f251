package io.ringfence.audit;

import io.ringfence.contract.Action;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.ringfence.audit.EventHistoryWriterTest.count;
import static io.ringfence.audit.EventHistoryWriterTest.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionJobTest {
    private static final Instant NOW = Instant.parse("2026-11-26T03:17:00Z");

    @Test
    void dropsWholeDaysOlderThanEachLimitAndKeepsTheRest() throws SQLException {
        DataSource db = TestDatabase.fresh();
        DailyPartitions partitions = new DailyPartitions(db);
        EventHistoryWriter events = new EventHistoryWriter(partitions);
        AuditTrail trail = new AuditTrail(partitions);
        List<StoredEvent> old = new ArrayList<>();
        // 100, 91, 90 and 10 days back: with 90 days kept, the first two days go.
        int[] ages = {100, 91, 90, 10};
        for (int i = 0; i < ages.length; i++) {
            old.add(AuditFixtures.event(i, "447700900001", NOW.minus(Duration.ofDays(ages[i]))));
        }
        inTx(db, c -> events.write(c, old));
        // A stray old row in the default partition (as if its day's partition could not be created).
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO event_history_default (event_time, event_id, subscriber, event_type, payload) "
                    + "VALUES ('2020-01-01 00:00:00+00', 'stray', '1', 'SMS', '{}')");
        }
        // Audit entries 401 and 399 days back: with 400 days kept, only the first goes.
        inTx(db, c -> trail.appendDecisions(c, List.of(
                AuditFixtures.audited(AuditFixtures.decision("OLD", Action.BLOCK_NUMBER, "1", "WANGIRI", NOW.minus(Duration.ofDays(401)))),
                AuditFixtures.audited(AuditFixtures.decision("NEW", Action.BLOCK_NUMBER, "1", "WANGIRI", NOW.minus(Duration.ofDays(399)))))));
        LocalDate oldAuditDay = LocalDate.ofInstant(NOW.minus(Duration.ofDays(401)), ZoneOffset.UTC);

        RetentionJob job = new RetentionJob(db, partitions,
                new RetentionProperties(Duration.parse("P90D"), Duration.parse("P400D"), null),
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> dropped = job.run();

        assertThat(dropped).containsExactlyInAnyOrder("event_history_20260818", "event_history_20260827",
                "1 rows from event_history_default", "audit_entry_" + oldAuditDay.toString().replace("-", ""));
        assertThat(count(db, "SELECT count(*) FROM event_history")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM event_history WHERE event_time < '2026-08-28'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM audit_entry")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM audit_chain_head")).isEqualTo(1);
        try (Connection c = db.getConnection()) {
            assertThat(new ChainVerifier().verifyAll(c).intact()).isTrue();
        }
        // Nothing left to do on a second run.
        assertThat(job.run()).isEmpty();

        // A late event for a dropped day recreates its partition rather than failing.
        inTx(db, c -> events.write(c, List.of(AuditFixtures.event(99, "447700900001", NOW.minus(Duration.ofDays(100))))));
        assertThat(count(db, "SELECT count(*) FROM event_history_20260818")).isEqualTo(1);
    }

    @Test
    void auditIsKeptForEverUnlessItsLimitIsSet() throws SQLException {
        DataSource db = TestDatabase.fresh();
        DailyPartitions partitions = new DailyPartitions(db);
        inTx(db, c -> new AuditTrail(partitions).appendDecisions(c, List.of(AuditFixtures.audited(
                AuditFixtures.decision("ANCIENT", Action.MONITOR, "1", "IRSF", Instant.parse("2019-01-01T00:00:00Z"))))));
        new RetentionJob(db, partitions, new RetentionProperties(Duration.ofDays(30), null, null),
                Clock.fixed(NOW, ZoneOffset.UTC)).run();
        assertThat(count(db, "SELECT count(*) FROM audit_entry")).isEqualTo(1);
    }

    @Test
    void auditRetentionShorterThanEventsIsRefused() {
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofDays(90), Duration.ofDays(30), null))
                .hasMessageContaining("ringfence.retention.audit (PT720H) must not be shorter");
    }
}
