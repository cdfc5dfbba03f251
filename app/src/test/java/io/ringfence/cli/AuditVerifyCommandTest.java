package io.ringfence.cli;

import io.ringfence.audit.AuditFixtures;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.DailyPartitions;
import io.ringfence.audit.TestDatabase;
import io.ringfence.contract.Action;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditVerifyCommandTest {
    private static DataSource db;
    private static String url;

    @BeforeAll
    static void trailOfTwoDays() throws SQLException {
        db = TestDatabase.fresh();
        url = TestDatabase.jdbcUrl(db);
        AuditTrail trail = new AuditTrail(new DailyPartitions(db));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            trail.appendDecisions(c, List.of(
                    AuditFixtures.audited(AuditFixtures.decision("D1", Action.BLOCK_SUBSCRIBER, "447700900001", "IRSF",
                            Instant.parse("2026-08-01T09:00:00Z"))),
                    AuditFixtures.audited(AuditFixtures.decision("D2", Action.OPEN_CASE, "447700900002", "SIMBOX",
                            Instant.parse("2026-08-01T09:05:00Z"))),
                    AuditFixtures.audited(AuditFixtures.decision("D3", Action.MONITOR, "447700900003", "SIMBOX",
                            Instant.parse("2026-08-02T09:05:00Z")))));
            c.commit();
        }
    }

    @Test
    void intactThenTamperedThenNamed() throws SQLException {
        CliRun ok = CliRun.of("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres");
        assertThat(ok.exitCode()).as("%s", ok).isZero();
        assertThat(ok.out()).contains("audit trail intact: 2 days, 3 entries").contains("2026-08-01          2 entries  last hash ");

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET emitted = false WHERE chain_day = '2026-08-01' AND chain_seq = 2");
        }
        CliRun broken = CliRun.of("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres");
        assertThat(broken.exitCode()).as("%s", broken).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(broken.out()).contains("audit trail broken: day 2026-08-01 seq 2: content does not match its hash");

        CliRun otherDay = CliRun.of("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres",
                "--day", "2026-08-02");
        assertThat(otherDay.exitCode()).as("%s", otherDay).isZero();
        assertThat(otherDay.out()).contains("intact: 1 days, 1 entries");
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitOne() {
        CliRun r = CliRun.of("audit-verify", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--user", "x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("audit-verify: cannot verify the audit trail at jdbc:postgresql://127.0.0.1:1/none: ");
    }
}
