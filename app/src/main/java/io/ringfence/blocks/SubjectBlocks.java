package io.ringfence.blocks;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/** The blocks in force on a number, for a subject-access export (docs/privacy.md). */
public final class SubjectBlocks {
    private SubjectBlocks() {
    }

    public static List<Map<String, Object>> inForce(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT action, target_kind, target_value, decision_id, set_at, expires_at, case_opened "
                + "FROM active_block WHERE target_value = ? ORDER BY set_at", number);
    }
}
