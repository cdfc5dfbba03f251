package io.ringfence.cases;

import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import org.kie.kogito.auth.IdentityProvider;
import org.kie.kogito.auth.IdentityProviders;
import org.kie.kogito.usertask.UserTaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Billing's acknowledgement of a refund order completes the case's BillingConfirmation step, as billing, and the
 * case closes: until then a refund is only ordered, not made. An acknowledgement for a refund Ringfence never
 * ordered, or for a case with no step waiting for it, is not used (the caller dead-letters it with the reason); a
 * second one for a step already completed changes nothing.
 */
@Service
class RefundConfirmations {
    static final String BILLING = "billing";
    static final String STEP = TaskListener.BILLING_CONFIRMATION;

    enum Outcome { APPLIED, REFUSED, DUPLICATE, NOT_USED }

    /** @param reason why an acknowledgement was not used, for its dead-letter record; null otherwise */
    record Result(Outcome outcome, String reason) {
    }

    private final CaseStore store;
    private final UserTaskService tasks;
    private final CaseJournal journal;

    RefundConfirmations(CaseStore store, UserTaskService tasks, CaseJournal journal) {
        this.store = store;
        this.tasks = tasks;
        this.journal = journal;
    }

    @Transactional
    Result apply(RefundAck ack) {
        Optional<FraudCase> found = store.findByRefundOrderForUpdate(ack.refundId());
        if (found.isEmpty()) {
            return new Result(Outcome.NOT_USED, "no refund order " + ack.refundId() + " was issued by Ringfence");
        }
        FraudCase c = found.get();
        List<CaseTask> steps = store.tasksOf(c.caseId()).stream().filter(t -> STEP.equals(t.name())).toList();
        Optional<CaseTask> waiting = steps.stream().filter(CaseTask::open).findFirst()
                .flatMap(t -> store.taskForUpdate(t.taskId())).filter(CaseTask::open);
        if (waiting.isEmpty()) {
            return steps.isEmpty()
                    ? new Result(Outcome.NOT_USED, "case " + c.caseId() + " has no billing confirmation step (it closed "
                    + "before acknowledgements were read)")
                    : new Result(Outcome.DUPLICATE, null);
        }
        CaseTask step = waiting.get();
        Map<String, Object> detail = new HashMap<>(ack.detail());
        if (ack.amount() != null && c.refundAmount() != null && ack.amount().compareTo(c.refundAmount()) != 0) {
            // Billing's figure is recorded as it came; the difference is for a supervisor to take up with billing.
            detail.put("orderedAmount", c.refundAmount().toPlainString());
            detail.put("amountDiffers", true);
        }
        journal.record(c, BILLING, ack.status() == RefundAck.Status.APPLIED ? "REFUND_APPLIED" : "REFUND_REFUSED_BY_BILLING",
                step.taskId(), detail);
        IdentityProvider billing = IdentityProviders.of(BILLING, List.of(CaseTasks.SUPERVISOR));
        if (step.owner() != null && !BILLING.equals(step.owner())) {
            // A supervisor took the step to confirm it by hand; billing's own word settles it first.
            tasks.transition(step.taskId(), "release", Map.of(), IdentityProviders.of(step.owner(), List.of(CaseTasks.SUPERVISOR)));
        }
        if (!BILLING.equals(step.owner())) {
            tasks.transition(step.taskId(), "claim", Map.of(), billing);
        }
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("status", ack.status().name());
        outputs.put("reference", ack.reference());
        outputs.put("note", ack.reason());
        tasks.transition(step.taskId(), "complete", outputs, billing);
        return new Result(ack.status() == RefundAck.Status.APPLIED ? Outcome.APPLIED : Outcome.REFUSED, null);
    }
}
