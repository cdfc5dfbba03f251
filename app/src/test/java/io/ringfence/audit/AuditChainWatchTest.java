package io.ringfence.audit;

import io.ringfence.testing.MutableClock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.contract.Action;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.ringfence.audit.EventHistoryWriterTest.inTx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running check of the audit chain: it reads only what was written since its last check, sees a row altered in
 * those, and sees a row altered behind its checkpoint at its next check from the start.
 */
class AuditChainWatchTest {
    private static final Instant T0 = Instant.parse("2026-07-14T10:00:00Z");
    private DataSource db;
    private AuditTrail trail;
    private SimpleMeterRegistry meters;
    private MutableClock clock;
    private AuditChainWatch watch;
    private int decisions;

    @BeforeEach
    void freshDatabase() throws SQLException {
        db = TestDatabase.fresh();
        trail = new AuditTrail(new DailyPartitions(db));
        meters = new SimpleMeterRegistry();
        clock = new MutableClock(T0);
        watch = new AuditChainWatch(db, new ChainVerifier(), meters, 2, Duration.ofHours(6), clock);
        append(5, T0);
    }

    @Test
    void eachCheckReadsOnlyTheNewRowsAndAnAlteredNewRowIsNamed() throws SQLException {
        assertThat(watch.check()).isNull();
        assertThat(rowsChecked()).isEqualTo(5);
        assertThat(broken()).isZero();

        append(3, T0.plusSeconds(60));
        clock.advance(Duration.ofMinutes(5));
        assertThat(watch.check()).isNull();
        assertThat(rowsChecked()).as("the second check read the three new rows only").isEqualTo(8);

        append(2, T0.plusSeconds(120));
        exec("UPDATE audit_entry SET action = 'ALLOW' WHERE chain_day = '2026-07-14' AND chain_seq = 9");
        clock.advance(Duration.ofMinutes(5));
        ChainVerifier.Break b = watch.check();
        assertThat(b).isNotNull();
        assertThat(b.day()).isEqualTo(LocalDate.parse("2026-07-14"));
        assertThat(b.seq()).isEqualTo(9);
        assertThat(broken()).isEqualTo(1);
        assertThat(meters.get("ringfence.audit.chain.checked").gauge().value()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void aRowAlteredBehindTheCheckpointIsCaughtByTheNextCheckFromTheStart() throws SQLException {
        assertThat(watch.check()).isNull();
        exec("UPDATE audit_entry SET payload = payload || ' ' WHERE chain_day = '2026-07-14' AND chain_seq = 2");
        clock.advance(Duration.ofMinutes(5));
        assertThat(watch.check()).as("behind the checkpoint, between checks from the start").isNull();

        clock.advance(Duration.ofHours(6));
        ChainVerifier.Break b = watch.check();
        assertThat(b).isNotNull();
        assertThat(b.seq()).isEqualTo(2);
        assertThat(broken()).isEqualTo(1);
    }

    @Test
    void onlyTheNewestDaysAreWatched() throws SQLException {
        append(2, T0.plus(Duration.ofDays(1)));
        append(2, T0.plus(Duration.ofDays(2)));
        exec("UPDATE audit_entry SET action = 'ALLOW' WHERE chain_day = '2026-07-14' AND chain_seq = 1");

        assertThat(watch.check()).as("the oldest day is audit-verify's").isNull();
        assertThat(rowsChecked()).isEqualTo(4);
    }

    @Test
    void theDaysListShowsWhatTheCheckFoundAndAnyDayIsVerifiedOnDemand() throws SQLException {
        append(2, T0.plus(Duration.ofDays(1)));
        append(2, T0.plus(Duration.ofDays(2)));
        ChainStatus chain = new ChainStatus(db, new ChainVerifier(), watch);
        exec("UPDATE audit_entry SET actor = 'someone' WHERE chain_day = '2026-07-16' AND chain_seq = 2");
        watch.check();

        List<ChainStatus.Day> days = chain.days();
        assertThat(days).extracting(ChainStatus.Day::day).containsExactly(LocalDate.parse("2026-07-16"),
                LocalDate.parse("2026-07-15"), LocalDate.parse("2026-07-14"));
        assertThat(days.get(0).state()).isEqualTo("BROKEN");
        assertThat(days.get(0).brokenSeq()).isEqualTo(2);
        assertThat(days.get(1).state()).isEqualTo("VERIFIED");
        assertThat(days.get(1).verifiedSeq()).isEqualTo(2);
        assertThat(days.get(2).state()).as("older than the two days watched").isEqualTo("NOT_WATCHED");
        assertThat(days.get(2).entries()).isEqualTo(5);

        assertThat(chain.verify(LocalDate.parse("2026-07-14")).intact()).isTrue();
        exec("DELETE FROM audit_entry WHERE chain_day = '2026-07-14' AND chain_seq = 3");
        ChainStatus.Verified v = chain.verify(LocalDate.parse("2026-07-14"));
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenSeq()).isEqualTo(3);
        assertThat(v.problem()).contains("missing");
    }

    private void append(int n, Instant at) throws SQLException {
        List<AuditedDecision> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            decisions++;
            batch.add(AuditFixtures.audited(AuditFixtures.decision("W" + decisions, Action.BLOCK_SUBSCRIBER,
                    "4477009" + String.format("%05d", decisions), "IRSF", at.plusMillis(i))));
        }
        inTx(db, c -> trail.appendDecisions(c, batch));
    }

    private double rowsChecked() {
        return meters.get("ringfence.audit.chain.rows.checked").counter().count();
    }

    private double broken() {
        return meters.get("ringfence.audit.chain.broken").gauge().value();
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
