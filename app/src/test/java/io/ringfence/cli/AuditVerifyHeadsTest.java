package io.ringfence.cli;

import io.ringfence.audit.AuditFixtures;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.DailyPartitions;
import io.ringfence.audit.HeadPublisher;
import io.ringfence.audit.HeadSigningKeys;
import io.ringfence.audit.OwnerTampering;
import io.ringfence.audit.TestDatabase;
import io.ringfence.contract.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditVerifyHeadsTest {
    @TempDir
    Path folder;

    @Test
    void theOwnersConsistentRewriteIsNamedAgainstThePublishedHeads() throws SQLException {
        DataSource db = TestDatabase.fresh();
        String url = TestDatabase.jdbcUrl(db);
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
        Path privateKey = folder.resolve("head-signing-key.pem");
        Path publicKey = folder.resolve("head-signing-key.pub.pem");
        KeyPair pair = HeadSigningKeys.generate(privateKey, publicKey);
        Path heads = folder.resolve("audit-heads");
        new HeadPublisher(db, heads, pair.getPrivate(), HeadSigningKeys.keyId(pair.getPublic()), Clock.systemUTC()).publish();

        CliRun clean = CliRun.of("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres",
                "--heads", heads, "--public-key", publicKey);
        assertThat(clean.exitCode()).as("%s", clean).isZero();
        assertThat(clean.out()).contains("published heads: 2 in 2 files")
                .contains("audit trail intact and matches its published heads: 2 days, 3 entries")
                .containsPattern("2026-08-01          2 entries  last hash [0-9a-f]{64}  published");

        OwnerTampering.rewriteConsistently(db, LocalDate.parse("2026-08-01"), 2, "{\"decisionId\":\"D2\"}");

        CliRun chainAlone = CliRun.of("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres");
        assertThat(chainAlone.exitCode()).as("the chain alone cannot tell: %s", chainAlone).isZero();

        CliRun broken = CliRun.of("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres",
                "--heads", heads, "--public-key", publicKey);
        assertThat(broken.exitCode()).as("%s", broken).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(broken.out()).contains("audit trail broken: day 2026-08-01 seq 1: rewritten: seq 1 to 2 no longer "
                + "hash to the head published at ");
    }

    @Test
    void headsNeedAPublicKey() {
        CliRun r = CliRun.of("audit-verify", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--heads", folder);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--heads needs --public-key");
    }
}
