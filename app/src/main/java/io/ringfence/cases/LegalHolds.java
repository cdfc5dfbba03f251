package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A legal hold keeps a case exactly as it is, whatever its retention (docs/privacy.md): set and cleared
 * by a supervisor or compliance officer with a reason, recorded in the case's history and the audit
 * trail. Retention and erasure skip a held case, and keep the alerts it cites.
 */
@Component
class LegalHolds {
    private final JdbcTemplate jdbc;
    private final CaseStore store;
    private final CaseJournal journal;

    LegalHolds(JdbcTemplate jdbc, CaseStore store, CaseJournal journal) {
        this.jdbc = jdbc;
        this.store = store;
        this.journal = journal;
    }

    /** A case's hold as the case view shows it: since when, by whom and why, or not held. */
    record LegalHold(boolean held, String by, Instant at, String reason) {
        static final LegalHold NONE = new LegalHold(false, null, null, null);
    }

    LegalHold of(UUID caseId) {
        return jdbc.query("SELECT legal_hold, legal_hold_by, legal_hold_at, legal_hold_reason FROM fraud_case WHERE case_id = ?",
                (rs, i) -> new LegalHold(rs.getBoolean(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)), caseId)
                .stream().findFirst().orElse(LegalHold.NONE);
    }

    /** Sets or clears the hold; setting it again (or clearing a case not held) changes nothing and records nothing. */
    @Transactional
    LegalHold set(UUID caseId, boolean hold, String reason, String actor) {
        FraudCase c = store.find(caseId).orElseThrow(() -> CaseException.notFound("case " + caseId));
        jdbc.query("SELECT 1 FROM fraud_case WHERE case_id = ? FOR UPDATE", (rs, i) -> null, caseId);
        if (of(caseId).held() == hold) {
            return of(caseId);
        }
        Instant at = journal.now();
        if (hold) {
            jdbc.update("UPDATE fraud_case SET legal_hold = true, legal_hold_by = ?, legal_hold_at = ?, legal_hold_reason = ? "
                    + "WHERE case_id = ?", actor, Timestamp.from(at), reason, caseId);
        } else {
            jdbc.update("UPDATE fraud_case SET legal_hold = false, legal_hold_by = NULL, legal_hold_at = NULL, "
                    + "legal_hold_reason = NULL WHERE case_id = ?", caseId);
        }
        journal.record(c, actor, hold ? "LEGAL_HOLD_SET" : "LEGAL_HOLD_CLEARED", null, Map.of("reason", reason));
        return of(caseId);
    }
}
