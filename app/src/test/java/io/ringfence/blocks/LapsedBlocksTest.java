package io.ringfence.blocks;

import io.ringfence.audit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

class LapsedBlocksTest {

    @Test
    void aBlockGoesOnlyWhenBothTheWallClockAndTheStreamHavePassedItsExpiry() {
        DataSource ds = TestDatabase.fresh();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        // The stream's slowest partition has reached two days ago (a delayed or replayed stream).
        jdbc.update("INSERT INTO ingest_offset (topic, partition, next_offset, updated_at, newest_event_at)"
                + " VALUES ('telecom.events', 0, 10, now(), now() - interval '2 days'),"
                + " ('telecom.events', 1, 10, now(), now() - interval '1 hour')");
        block(jdbc, "+447700000001", "now() - interval '3 days'");   // lapsed on both clocks
        block(jdbc, "+447700000002", "now() - interval '1 day'");    // lapsed on the wall, not yet on the stream
        block(jdbc, "+447700000003", "now() + interval '1 day'");    // in force

        assertThat(new LapsedBlocks(new BlockStore(jdbc)).sweep()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT target_value FROM active_block ORDER BY target_value", String.class))
                .containsExactly("+447700000002", "+447700000003");

        jdbc.update("UPDATE ingest_offset SET newest_event_at = now()");
        assertThat(new LapsedBlocks(new BlockStore(jdbc)).sweep()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT target_value FROM active_block", String.class)).containsExactly("+447700000003");
    }

    @Test
    void withoutAStreamTheWallClockDecides() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.fresh());
        block(jdbc, "+447700000004", "now() - interval '1 minute'");
        block(jdbc, "+447700000005", "now() + interval '1 minute'");
        assertThat(new LapsedBlocks(new BlockStore(jdbc)).sweep()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT target_value FROM active_block", String.class)).containsExactly("+447700000005");
    }

    private static void block(JdbcTemplate jdbc, String target, String expires) {
        jdbc.update("INSERT INTO active_block (action, target_kind, target_value, decision_id, set_at, expires_at)"
                + " VALUES ('BLOCK_SUBSCRIBER', 'SUBSCRIBER', ?, gen_random_uuid()::text, now() - interval '30 days', " + expires + ")",
                target);
    }
}
