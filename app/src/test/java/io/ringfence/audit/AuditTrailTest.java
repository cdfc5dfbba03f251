package io.ringfence.audit;

import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.ringfence.audit.EventHistoryWriterTest.count;
import static io.ringfence.audit.EventHistoryWriterTest.inTx;
import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {
    private static final LocalDate DAY = LocalDate.parse("2026-07-14");
    private DataSource db;
    private AuditTrail trail;
    private final ChainVerifier verifier = new ChainVerifier();

    @BeforeEach
    void freshDatabase() throws SQLException {
        db = TestDatabase.fresh();
        trail = new AuditTrail(new DailyPartitions(db));
        List<AuditedDecision> batch = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Decision d = AuditFixtures.decision("D" + i, i % 2 == 0 ? Action.OPEN_CASE : Action.BLOCK_SUBSCRIBER,
                    "44770090000" + i, "IRSF", Instant.parse("2026-07-14T10:00:00Z").plusSeconds(i));
            batch.add(AuditFixtures.audited(d));
        }
        // One decision of the next day in the same batch: it starts that day's chain.
        batch.add(AuditFixtures.audited(AuditFixtures.decision("D6", Action.MONITOR, "447700900006", "WANGIRI",
                Instant.parse("2026-07-15T00:00:01Z"))));
        inTx(db, c -> trail.appendDecisions(c, batch));
        inTx(db, c -> trail.appendAction(c, "D1", "analyst.jane", "LIFTED", "{\"reason\":\"customer called\"}",
                Instant.parse("2026-07-14T11:00:00Z").toEpochMilli()));
    }

    @Test
    void entriesAreChainedPerDayAndTheChainVerifies() throws SQLException {
        assertThat(count(db, "SELECT count(*) FROM audit_entry_20260714")).isEqualTo(6);
        assertThat(count(db, "SELECT count(*) FROM audit_entry_20260715")).isEqualTo(1);
        assertThat(count(db, "SELECT last_seq FROM audit_chain_head WHERE chain_day = '2026-07-14'")).isEqualTo(6);
        assertThat(count(db, "SELECT count(*) FROM audit_entry a JOIN audit_entry b ON a.chain_day = b.chain_day "
                + "AND b.chain_seq = a.chain_seq + 1 WHERE b.prev_hash <> a.hash")).isZero();
        try (Connection c = db.getConnection()) {
            ChainVerifier.Result all = verifier.verifyAll(c);
            assertThat(all.intact()).as("%s", all.firstBreak()).isTrue();
            assertThat(all.entries()).isEqualTo(7);
            assertThat(all.days()).extracting(ChainVerifier.DayResult::day)
                    .containsExactly(DAY, DAY.plusDays(1));
        }
    }

    @Test
    void theActionCarriesTheDecisionsContext() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_seq, actor, action, subscriber, typology, target_value, emitted "
                     + "FROM audit_entry WHERE entry_kind = 'ACTION'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(6);
            assertThat(rs.getString(2)).isEqualTo("analyst.jane");
            assertThat(rs.getString(3)).isEqualTo("LIFTED");
            assertThat(rs.getString(4)).isEqualTo("447700900001");
            assertThat(rs.getString(5)).isEqualTo("IRSF");
            assertThat(rs.getString(6)).isEqualTo("447700900001");
            assertThat(rs.getObject(7)).isNull();
        }
    }

    @Test
    void anAlteredRowIsNamed() throws SQLException {
        exec("UPDATE audit_entry SET action = 'ALLOW' WHERE chain_day = '2026-07-14' AND chain_seq = 3");
        ChainVerifier.Break b = firstBreak();
        assertThat(b.day()).isEqualTo(DAY);
        assertThat(b.seq()).isEqualTo(3);
        assertThat(b.problem()).contains("altered");
    }

    @Test
    void aRowRehashedAfterItsChangeIsCaughtAtTheNextRow() throws SQLException {
        // A forger who changes row 2 and recomputes its hash (but cannot rewrite every later row).
        exec("UPDATE audit_entry SET action = 'ALLOW' WHERE chain_day = '2026-07-14' AND chain_seq = 2");
        byte[] rehashed;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + ChainVerifier.COLUMNS
                     + " FROM audit_entry WHERE chain_day = '2026-07-14' AND chain_seq = 2")) {
            rs.next();
            rehashed = ChainVerifier.read(rs).hash(rs.getBytes("prev_hash"));
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE audit_entry SET hash = ? WHERE chain_day = '2026-07-14' AND chain_seq = 2")) {
            ps.setBytes(1, rehashed);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        ChainVerifier.Break b = firstBreak();
        assertThat(b.seq()).isEqualTo(3);
        assertThat(b.problem()).contains("prev_hash does not match the hash of seq 2");
    }

    @Test
    void deletedRowsAreNamed() throws SQLException {
        exec("DELETE FROM audit_entry WHERE chain_day = '2026-07-14' AND chain_seq = 4");
        assertThat(firstBreak()).hasToString("day 2026-07-14 seq 4: missing: the chain jumps from seq 3 to 5 (rows deleted)");

        freshDatabase();
        exec("DELETE FROM audit_entry WHERE chain_day = '2026-07-14' AND chain_seq = 6");
        ChainVerifier.Break tail = firstBreak();
        assertThat(tail.seq()).isEqualTo(6);
        assertThat(tail.problem()).contains("head says the chain ends at seq 6 but it ends at seq 5");
    }

    @Test
    void aTamperedOtherDayDoesNotHideBehindAnIntactOne() throws SQLException {
        exec("UPDATE audit_entry SET payload = payload || ' ' WHERE chain_day = '2026-07-15' AND chain_seq = 1");
        try (Connection c = db.getConnection()) {
            assertThat(verifier.verify(c, DAY).intact()).isTrue();
            assertThat(verifier.verify(c, DAY.plusDays(1)).firstBreak().seq()).isEqualTo(1);
        }
    }

    @Test
    void concurrentAppendersToOneDayKeepOneChain() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        Decision d = AuditFixtures.decision("T" + thread + "-" + i, Action.MONITOR, "4477009100" + thread,
                                "SIMBOX", Instant.parse("2026-07-14T12:00:00Z").plusSeconds(i));
                        inTx(db, c -> trail.appendDecisions(c, List.of(AuditFixtures.audited(d))));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        try (Connection c = db.getConnection()) {
            ChainVerifier.Result r = verifier.verify(c, DAY);
            assertThat(r.intact()).as("%s", r.firstBreak()).isTrue();
            assertThat(r.entries()).isEqualTo(6 + 40);
        }
    }

    @Test
    void batchOfTwoThousandDecisionsThroughput() throws SQLException {
        List<AuditedDecision> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(AuditFixtures.audited(AuditFixtures.decision("P" + i, Action.MONITOR, "4477009" + (10_000 + i),
                    "SIMBOX", Instant.parse("2026-07-16T00:00:00Z").plusSeconds(i))));
        }
        for (int round = 1; round <= 3; round++) {
            List<AuditedDecision> b = round == 1 ? batch : batch.stream().map(a -> AuditFixtures.audited(
                    AuditFixtures.decision(a.decision().decisionId() + "-" + System.nanoTime(), Action.MONITOR,
                            a.decision().subscriber(), "SIMBOX", Instant.ofEpochMilli(a.decision().decidedAtMillis())))).toList();
            long t0 = System.nanoTime();
            inTx(db, c -> trail.appendDecisions(c, b));
            double seconds = (System.nanoTime() - t0) / 1e9;
            org.slf4j.LoggerFactory.getLogger(AuditTrailTest.class).info(String.format(java.util.Locale.ROOT,
                    "audit_entry: batch %d of 2,000 chained decisions in %.1f ms (%,.0f rows/s, commit included)",
                    round, seconds * 1000, b.size() / seconds));
        }
        try (Connection c = db.getConnection()) {
            ChainVerifier.Result r = verifier.verify(c, DAY.plusDays(2));
            assertThat(r.intact()).isTrue();
            assertThat(r.entries()).isEqualTo(6_000);
        }
    }

    private ChainVerifier.Break firstBreak() throws SQLException {
        try (Connection c = db.getConnection()) {
            ChainVerifier.Result r = verifier.verifyAll(c);
            assertThat(r.intact()).isFalse();
            return r.firstBreak();
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
