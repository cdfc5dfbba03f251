package io.ringfence.privacy;

import io.ringfence.audit.AuditFixtures;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.ChainVerifier;
import io.ringfence.audit.DailyPartitions;
import io.ringfence.audit.TestDatabase;
import io.ringfence.contract.Action;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-26T03:17:00Z");
    private static final String KEY = "a-test-key-of-32-characters-long";

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void purgesAndPseudonymisesWhatIsPastItsLimitAndLeavesOpenHeldAndRecentAlone() throws SQLException {
        DataSource db = TestDatabase.fresh();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        AuditTrail trail = new AuditTrail(new DailyPartitions(db), db);
        // Chained audit entries about the same subscribers, on days retention does not drop.
        try (Connection c = db.getConnection()) {
            trail.appendDecisions(c, List.of(
                    AuditFixtures.audited(AuditFixtures.decision("D1", Action.BLOCK_NUMBER, "+447700900001", "WANGIRI", daysAgo(800))),
                    AuditFixtures.audited(AuditFixtures.decision("D2", Action.MONITOR, "+447700900002", "WANGIRI", daysAgo(10)))));
        }

        PrivacyFixtures.alert(jdbc, "A-old", "+447700900001", daysAgo(200));
        PrivacyFixtures.alert(jdbc, "A-recent", "+447700900001", daysAgo(20));
        PrivacyFixtures.alert(jdbc, "A-old-open-case", "+447700900003", daysAgo(300));
        PrivacyFixtures.alert(jdbc, "A-old-held-case", "+447700900004", daysAgo(300));
        UUID oldClosed = PrivacyFixtures.fraudCase(jdbc, "+447700900001", daysAgo(800), daysAgo(790), false);
        UUID recentClosed = PrivacyFixtures.fraudCase(jdbc, "+447700900002", daysAgo(100), daysAgo(90), false);
        UUID oldOpen = PrivacyFixtures.fraudCase(jdbc, "+447700900003", daysAgo(800), null, false, "A-old-open-case");
        UUID oldHeld = PrivacyFixtures.fraudCase(jdbc, "+447700900004", daysAgo(800), daysAgo(790), true, "A-old-held-case");
        UUID oldChange = PrivacyFixtures.hotListChange(jdbc, "APPROVED", daysAgo(500), true, "+447700900001,src\n");
        UUID oldRejected = PrivacyFixtures.hotListChange(jdbc, "REJECTED", daysAgo(500), false, "+447700900005,x\n");
        UUID oldPending = PrivacyFixtures.hotListChange(jdbc, "PENDING", daysAgo(500), false, "+447700900006,x\n");
        UUID oldUnapplied = PrivacyFixtures.hotListChange(jdbc, "APPROVED", daysAgo(500), false, "+447700900007,x\n");
        UUID recentChange = PrivacyFixtures.hotListChange(jdbc, "APPROVED", daysAgo(30), true, "+447700900008,x\n");
        jdbc.update("UPDATE asset_change SET summary = 'block +447700900001 and friends' WHERE change_id IN (?, ?)",
                oldChange, oldPending);
        UUID oldBacktest = PrivacyFixtures.backtest(jdbc, oldChange, daysAgo(300), daysAgo(299), "+447700900009");
        UUID recentBacktest = PrivacyFixtures.backtest(jdbc, oldChange, daysAgo(20), daysAgo(20), "+447700900009");
        UUID stuckBacktest = PrivacyFixtures.backtest(jdbc, oldChange, daysAgo(300), null, "+447700900009");

        PrivacyFixtures.shadowDecision(jdbc, "S-old", "+447700900001", daysAgo(200));
        PrivacyFixtures.shadowDecision(jdbc, "S-recent", "+447700900001", daysAgo(20));

        StorePseudonyms pseudonyms = StorePseudonyms.withKey(KEY);
        PersonalDataRetention job = new PersonalDataRetention(db, trail,
                new PersonalRetentionProperties(null, null, null, null, null), pseudonyms, Clock.fixed(NOW, ZoneOffset.UTC));
        PersonalDataRetention.Outcome outcome = job.run();

        assertThat(outcome).isEqualTo(new PersonalDataRetention.Outcome(1, 1, 2, 1, 1));
        assertThat(jdbc.queryForList("SELECT decision_id FROM shadow_decision", String.class))
                .as("a shadow's answers go with the alerts' limit").containsExactly("S-recent");
        assertThat(jdbc.queryForList("SELECT alert_id FROM alert_record ORDER BY 1", String.class))
                .containsExactly("A-old-held-case", "A-old-open-case", "A-recent");

        Map<String, Object> pseudonymised = jdbc.queryForMap("SELECT * FROM fraud_case WHERE case_id = ?", oldClosed);
        String pseudonym = pseudonyms.of("+447700900001");
        assertThat(pseudonym).startsWith("+44#").doesNotContain("7700900001");
        assertThat(pseudonymised).containsEntry("target_value", pseudonym).containsEntry("subscriber", pseudonym)
                .containsEntry("decision_json", null).containsEntry("outcome", "CONFIRMED_FRAUD");
        assertThat(pseudonymised.get("pseudonymised_at")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT detail FROM case_history WHERE case_id = ?", String.class, oldClosed)).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_task WHERE case_id = ?", Long.class, oldClosed)).isOne();
        for (UUID untouched : List.of(recentClosed, oldOpen, oldHeld)) {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM fraud_case WHERE case_id = ?", untouched);
            assertThat((String) row.get("subscriber")).startsWith("+4477009000");
            assertThat(row.get("decision_json")).isNotNull();
            assertThat(row.get("pseudonymised_at")).isNull();
            assertThat(jdbc.queryForObject("SELECT detail FROM case_history WHERE case_id = ?", String.class, untouched))
                    .contains("called +4477009000");
        }

        assertThat(content(jdbc, oldChange)).isEmpty();
        assertThat(content(jdbc, oldRejected)).isEmpty();
        assertThat(content(jdbc, oldPending)).isEqualTo("+447700900006,x\n");
        assertThat(content(jdbc, oldUnapplied)).isEqualTo("+447700900007,x\n");
        assertThat(content(jdbc, recentChange)).isEqualTo("+447700900008,x\n");
        assertThat(jdbc.queryForObject("SELECT content_sha256 FROM asset_change WHERE change_id = ?", String.class, oldChange))
                .isEqualTo("sha");
        assertThat(jdbc.queryForObject("SELECT summary FROM asset_change WHERE change_id = ?", String.class, oldChange))
                .as("the author's free text may repeat the numbers").isNull();
        assertThat(jdbc.queryForObject("SELECT summary FROM asset_change WHERE change_id = ?", String.class, oldPending))
                .isEqualTo("block +447700900001 and friends");

        String backtestPseudonym = pseudonyms.of("+447700900009");
        assertThat(difference(jdbc, oldBacktest)).containsEntry("subject_value", backtestPseudonym)
                .containsEntry("subscriber", backtestPseudonym).containsEntry("typology", "WANGIRI")
                .containsEntry("draft", "HIGH WANGIRI-001 matches 3 unscored");
        for (UUID untouched : List.of(recentBacktest, stuckBacktest)) {
            assertThat(difference(jdbc, untouched)).containsEntry("subject_value", "+447700900009")
                    .containsEntry("subscriber", "+447700900009");
        }

        // The chained trail was only appended to (the run's counts), never rewritten: every day still verifies.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE action = ?", Long.class,
                PersonalDataRetention.AUDIT_ACTION)).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE subscriber = '+447700900001'", Long.class))
                .isOne();
        try (Connection c = db.getConnection()) {
            ChainVerifier.Result chain = new ChainVerifier().verifyAll(c);
            assertThat(chain.intact()).as(String.valueOf(chain.firstBreak())).isTrue();
            assertThat(chain.entries()).isEqualTo(3);
        }

        // A second run finds nothing more and writes nothing to the trail.
        assertThat(job.run()).isEqualTo(new PersonalDataRetention.Outcome(0, 0, 0, 0, 0));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry", Long.class)).isEqualTo(3);
    }

    @Test
    void aBacktestDifferenceErasedBeforeRetentionKeepsThePseudonymOfTheNumber() throws SQLException {
        DataSource db = TestDatabase.fresh();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        UUID change = PrivacyFixtures.hotListChange(jdbc, "APPROVED", daysAgo(500), true, "+447700900001,src\n");
        UUID backtest = PrivacyFixtures.backtest(jdbc, change, daysAgo(300), daysAgo(299), "+447700900010");
        StorePseudonyms pseudonyms = StorePseudonyms.withKey(KEY);
        assertThat(io.ringfence.backtest.BacktestRetention.pseudonymiseAbout(jdbc, "+447700900010", pseudonyms::of)).isOne();

        new PersonalDataRetention(db, new AuditTrail(new DailyPartitions(db), db),
                new PersonalRetentionProperties(null, null, null, null, null), pseudonyms, Clock.fixed(NOW, ZoneOffset.UTC)).run();

        // Still the number's pseudonym, which a compliance officer can recompute, not a pseudonym of it.
        assertThat(difference(jdbc, backtest)).containsEntry("subject_value", pseudonyms.of("+447700900010"))
                .containsEntry("subscriber", pseudonyms.of("+447700900010"));
        assertThat(jdbc.queryForObject("SELECT differences_pseudonymised_at FROM backtest WHERE backtest_id = ?",
                Object.class, backtest)).isNotNull();
    }

    @Test
    void aLimitThatIsNotPositiveIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PersonalRetentionProperties(Duration.ZERO, null, null, null, null))
                .hasMessageContaining("ringfence.retention.alerts must be positive");
    }

    private static Map<String, Object> difference(JdbcTemplate jdbc, UUID backtest) {
        return jdbc.queryForMap("SELECT * FROM backtest_difference WHERE backtest_id = ?", backtest);
    }

    private static String content(JdbcTemplate jdbc, UUID id) {
        return new String(jdbc.queryForObject("SELECT content FROM asset_change WHERE change_id = ?", byte[].class, id));
    }
}
