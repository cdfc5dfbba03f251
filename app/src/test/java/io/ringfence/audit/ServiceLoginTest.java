package io.ringfence.audit;

import io.ringfence.contract.Action;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.ringfence.audit.EventHistoryWriterTest.count;
import static io.ringfence.audit.EventHistoryWriterTest.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service logged in as {@code ringfence_app} (db/roles/ringfence-app-role.sql): its work on the
 * store goes on, while changing or deleting what the trail holds is refused by PostgreSQL itself.
 */
class ServiceLoginTest {
    private static final Instant AT = Instant.parse("2026-07-14T10:00:00Z");

    private DataSource owner;
    private DataSource app;
    private DailyPartitions partitions;

    @BeforeEach
    void serviceLogin() throws SQLException, IOException {
        owner = TestDatabase.fresh();
        String script;
        try (InputStream in = ServiceLoginTest.class.getResourceAsStream("/db/roles/ringfence-app-role.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute(script);
            s.execute("ALTER ROLE ringfence_app PASSWORD 'app-secret'");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabase.jdbcUrl(owner));
        ds.setUser("ringfence_app");
        ds.setPassword("app-secret");
        app = ds;
        try (Connection c = app.getConnection()) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("ringfence_app");
        }
        // Partitions and retention go through the owner's login (ringfence.store.owner.username).
        partitions = new DailyPartitions(owner);
        AuditTrail trail = new AuditTrail(partitions, app);
        inTx(app, c -> new EventHistoryWriter(partitions).write(c, List.of(AuditFixtures.event(1, "447700900001", AT))));
        inTx(app, c -> trail.appendDecisions(c, List.of(
                AuditFixtures.audited(AuditFixtures.decision("D1", Action.BLOCK_SUBSCRIBER, "447700900001", "IRSF", AT)),
                AuditFixtures.audited(AuditFixtures.decision("D2", Action.OPEN_CASE, "447700900002", "IRSF", AT.plusSeconds(5))))));
        inTx(app, c -> trail.appendAction(c, "D1", "analyst.jane", "LIFTED", "{}", AT.plusSeconds(60).toEpochMilli()));
    }

    @Test
    void theServiceAppendsAndReadsTheTrail() throws SQLException {
        assertThat(count(app, "SELECT count(*) FROM audit_entry")).isEqualTo(3);
        assertThat(count(app, "SELECT count(*) FROM event_history")).isEqualTo(1);
        assertThat(count(owner, "SELECT count(*) FROM audit_entry_20260714")).as("in the day's partition").isEqualTo(3);
        try (Connection c = app.getConnection()) {
            assertThat(new ChainVerifier().verifyAll(c).intact()).isTrue();
        }
    }

    @Test
    void theServiceCannotChangeOrDeleteTheTrail() {
        for (String tamper : List.of(
                "UPDATE audit_entry SET payload = '{}' WHERE chain_seq = 1",
                "DELETE FROM audit_entry WHERE chain_seq = 3",
                "TRUNCATE audit_entry",
                "UPDATE audit_entry_20260714 SET payload = '{}'",
                "DELETE FROM audit_entry_20260714",
                "DELETE FROM audit_entry_default",
                "DELETE FROM audit_chain_head",
                "TRUNCATE audit_chain_head",
                "DROP TABLE audit_entry_20260714",
                "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
                "DELETE FROM flyway_schema_history")) {
            assertThatThrownBy(() -> {
                try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
                    s.execute(tamper);
                }
            }).as(tamper).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).as(tamper + ": " + e.getMessage()).isEqualTo("42501"));
        }
    }

    @Test
    void retentionRunsAsTheOwnerAndNotAsTheService() throws SQLException {
        Instant now = AT.plus(Duration.ofDays(500));
        RetentionProperties limits = new RetentionProperties(Duration.ofDays(90), Duration.ofDays(400), null);
        assertThatThrownBy(() -> new RetentionJob(app, partitions, limits, Clock.fixed(now, ZoneOffset.UTC)).run())
                .isInstanceOf(AuditStoreException.class);
        assertThat(count(app, "SELECT count(*) FROM audit_entry")).isEqualTo(3);

        List<String> dropped = new RetentionJob(owner, partitions, limits, Clock.fixed(now, ZoneOffset.UTC)).run();
        assertThat(dropped).contains("audit_entry_20260714", "event_history_20260714");
        assertThat(count(app, "SELECT count(*) FROM audit_entry")).isZero();
        assertThat(count(app, "SELECT count(*) FROM audit_chain_head")).isZero();
    }

    @Test
    void theServicePublishesHeadsThroughItsOwnLogin(@TempDir Path folder) throws SQLException {
        KeyPair pair = HeadSigningKeys.generate(folder.resolve("k.pem"), folder.resolve("k.pub.pem"));
        HeadPublisher publisher = new HeadPublisher(app, folder.resolve("heads"), pair.getPrivate(),
                HeadSigningKeys.keyId(pair.getPublic()), Clock.systemUTC());
        assertThat(publisher.publish()).extracting(SignedHead::lastSeq).containsExactly(3L);
    }
}
