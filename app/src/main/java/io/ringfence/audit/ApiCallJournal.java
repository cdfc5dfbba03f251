package io.ringfence.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Appends an {@code API_CALL} action to the hash-chained audit trail, in a transaction of its own.
 *
 * <p>The call has already happened when it is recorded (its outcome is part of the record), so a
 * failed write cannot undo it: it is logged as an error and counted in
 * {@code ringfence.audit.api.calls.unrecorded}, which operations alert on.
 */
class ApiCallJournal {
    static final String ACTION = "API_CALL";
    static final String UNRECORDED_METRIC = "ringfence.audit.api.calls.unrecorded";
    /** One row for refused (401) calls beyond the rate at which each gets its own row ({@link RefusedCalls}). */
    static final String UNRECORDED_REFUSALS = "API_CALLS_REFUSED_SUMMARY";
    private static final Logger LOG = LoggerFactory.getLogger(ApiCallJournal.class);

    private final DataSource dataSource;
    private final AuditTrail trail;
    private final ObjectMapper mapper;
    private final Counter unrecorded;

    ApiCallJournal(DataSource dataSource, AuditTrail trail, ObjectMapper mapper, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.trail = trail;
        this.mapper = mapper;
        this.unrecorded = Counter.builder(UNRECORDED_METRIC)
                .description("State-changing API calls that could not be written to the audit trail")
                .register(meters);
    }

    /** Records the call; never throws (see the class comment). */
    void record(ApiCall call) {
        try {
            append(call);
        } catch (SQLException | RuntimeException e) {
            unrecorded.increment();
            LOG.error("API call not recorded in the audit trail: {} {} by {} answered {}: {}", call.method(),
                    call.path(), call.actor(), call.status(), e.getMessage());
        }
    }

    /** Records how many refused calls went without a row of their own, and when; never throws. */
    void recordUnrecordedRefusals(long calls, long fromMillis, long toMillis) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("status", 401);
        detail.put("calls", calls);
        detail.put("from", java.time.Instant.ofEpochMilli(fromMillis).toString());
        detail.put("to", java.time.Instant.ofEpochMilli(toMillis).toString());
        try {
            append(ApiCallAuditFilter.ANONYMOUS, UNRECORDED_REFUSALS, detail, toMillis);
        } catch (SQLException | RuntimeException e) {
            unrecorded.increment();
            LOG.error("{} refused API calls between {} and {} not summarised in the audit trail: {}", calls,
                    detail.get("from"), detail.get("to"), e.getMessage());
        }
    }

    private void append(ApiCall call) throws SQLException {
        append(call.actor(), ACTION, call.detail(), call.startedAtMillis());
    }

    private void append(String actor, String action, java.util.Map<String, Object> content, long atMillis)
            throws SQLException {
        String detail;
        try {
            detail = mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the call as JSON", e);
        }
        // decision_id is the call's own id: the row is about no decision, and the column may not be null.
        // No case_id even for a call on a case: the case's ACTION entries are its steps, which the case
        // service records itself, and a query by case must keep finding exactly those.
        AuditTrail.ActionSubject subject = new AuditTrail.ActionSubject("api-" + UUID.randomUUID(), null, null, null,
                null, null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                trail.appendAction(c, subject, actor, action, detail, atMillis);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
