package io.ringfence.cases;

import io.ringfence.workflows.CaseControls;
import io.ringfence.workflows.FraudCase;
import io.ringfence.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Records who tried what a control refused ({@code POLICY_REFUSED}): in the case's history and the audit
 * trail when there is a case, in the audit trail under the target when the refusal was to open one.
 *
 * <p>Written in a transaction of its own after the request's has rolled back (the refusal undoes the
 * attempt, not its record); a failed write is logged, the refusal stands.
 */
@Component
class Refusals {
    static final String ACTION = "POLICY_REFUSED";
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    /**
     * What was tried and refused.
     *
     * @param fraudCase the case it was tried on, or null when opening one was refused
     * @param attempt   what the person tried, in a handler's words ("complete Triage", "open a case")
     */
    record Attempt(FraudCase fraudCase, String targetKind, String targetValue, String typology, String actor,
                   String taskId, String attempt, CaseControls.Verdict verdict) {
        static Attempt on(FraudCase c, String actor, String taskId, String attempt, CaseControls.Verdict verdict) {
            return new Attempt(c, c.targetKind(), c.targetValue(), c.typology(), actor, taskId, attempt, verdict);
        }
    }

    private final CaseJournal journal;
    private final AuditTrail audit;
    private final TransactionTemplate ownTransaction;

    Refusals(CaseJournal journal, AuditTrail audit, PlatformTransactionManager transactions) {
        this.journal = journal;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Enforces a verdict: nothing if allowed, else the refusal to answer with (recorded when it is answered). */
    static void enforce(CaseControls.Verdict verdict, Attempt attempt) {
        if (!verdict.allowed()) {
            throw CaseException.refused(attempt);
        }
    }

    /** Never throws: the caller is answering the refusal. */
    void record(Attempt a) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rule", a.verdict().rule().name());
        detail.put("attempt", a.attempt());
        detail.put("reason", a.verdict().reason());
        try {
            ownTransaction.executeWithoutResult(s -> {
                if (a.fraudCase() != null) {
                    journal.record(a.fraudCase(), a.actor(), ACTION, a.taskId(), detail);
                    return;
                }
                audit.recordAction(new AuditTrail.ActionSubject("refused-" + UUID.randomUUID(), a.targetKind(),
                        a.targetValue(), a.typology(), null, null), a.actor(), ACTION, journal.json(detail),
                        journal.now().toEpochMilli());
            });
        } catch (RuntimeException e) {
            LOG.error("refused attempt not recorded: {} by {} ({}): {}", a.attempt(), a.actor(), a.verdict().rule(),
                    e.getMessage());
        }
    }
}
