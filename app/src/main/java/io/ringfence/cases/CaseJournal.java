package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.AuditTrail;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Writes what happens on a case twice, in the caller's transaction: into the case's own history (what
 * the case view shows) and into the hash-chained audit trail (what compliance verifies), with who and when.
 */
@Component
class CaseJournal {
    private final CaseStore store;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    CaseJournal(CaseStore store, AuditTrail audit, ObjectMapper mapper) {
        this.store = store;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = Clock.systemUTC();
    }

    Instant now() {
        return clock.instant();
    }

    /** @param detail what the entry says beyond its action (JSON-serialisable values) */
    void record(FraudCase c, String actor, String action, String taskId, Map<String, ?> detail) {
        Instant at = now();
        String json = json(taskId == null ? detail : with(detail, taskId));
        store.appendHistory(c.caseId(), at, actor, action, taskId, json);
        audit.recordAction(new AuditTrail.ActionSubject(c.auditDecisionId(), c.targetKind(), c.targetValue(),
                c.typology(), c.subscriber(), c.caseId().toString()), actor, action, json, at.toEpochMilli());
    }

    private static Map<String, Object> with(Map<String, ?> detail, String taskId) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(detail);
        m.put("taskId", taskId);
        return m;
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write case detail as JSON", e);
        }
    }
}
