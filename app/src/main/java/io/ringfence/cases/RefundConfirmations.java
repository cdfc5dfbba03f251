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
import java.util.Objects;
import java.util.Optional;

/**
 * Billing's acknowledgement of a refund order completes the case's BillingConfirmation step, as billing, and the
 * case closes: until then a refund is only ordered, not made. An acknowledgement for a refund Ringfence never
 * ordered, or for a case with no step waiting for it, is not used (the caller dead-letters it with the reason); a
 * second one that says what the step was completed with changes nothing, and one that says otherwise (billing
 * correcting itself, or contradicting a supervisor's confirmation) is a conflict: journaled on the case and
 * dead-lettered, for a person to settle.
 */
@Service
class RefundConfirmations {
    static final String BILLING = "billing";
    static final String STEP = TaskListener.BILLING_CONFIRMATION;

    enum Outcome { APPLIED, REFUSED, DUPLICATE, CONFLICT, NOT_USED }

    /** @param reason why an acknowledgement was not used, for its dead-letter record; null otherwise */
    record Result(Outcome outcome, String reason) {
    }

    private final CaseStore store;
    private final UserTaskService tasks;
    private final CaseJournal journal;
    private final RefundAnswers answers;

    RefundConfirmations(CaseStore store, UserTaskService tasks, CaseJournal journal, RefundAnswers answers) {
        this.store = store;
        this.tasks = tasks;
        this.journal = journal;
        this.answers = answers;
    }

    @Transactional
    Result apply(RefundAck ack) {
        Optional<FraudCase> found = store.findByRefundOrder(ack.refundId());
        if (found.isEmpty()) {
            return new Result(Outcome.NOT_USED, "no refund order " + ack.refundId() + " was issued by Ringfence");
        }
        List<CaseTask> steps = store.tasksOf(found.get().caseId()).stream().filter(t -> STEP.equals(t.name())).toList();
        if (steps.isEmpty()) {
            return new Result(Outcome.NOT_USED, "case " + found.get().caseId() + " has no billing confirmation step (it "
                    + "closed before acknowledgements were read)");
        }
        // The step first, then the case: the order in which a supervisor's completion takes them (CaseTasks).
        CaseTask step = store.taskForUpdate(steps.get(steps.size() - 1).taskId()).orElseThrow();
        FraudCase c = store.find(step.caseId()).orElseThrow();
        if (!step.open()) {
            return answered(c, step, ack);
        }
        answers.record(c, BILLING, step.taskId(), ack.status().name(),
                ack.status() == RefundAck.Status.APPLIED ? ack.reference() : ack.reason(), ack.amount(), ack.currency(),
                ack.detail());
        // Billing acts as a business administrator of the step: it may take it from a supervisor who had claimed it
        // to confirm it by hand, and the journal says billing did.
        IdentityProvider billing = IdentityProviders.of(BILLING, List.of(CaseTasks.SUPERVISOR));
        if (step.owner() != null && !BILLING.equals(step.owner())) {
            tasks.transition(step.taskId(), "release", Map.of(), billing);
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

    /** An answer for a step already completed: the same answer again, or one that contradicts it. */
    private Result answered(FraudCase c, CaseTask step, RefundAck ack) {
        String said = ack.status() == RefundAck.Status.APPLIED ? ack.reference() : ack.reason();
        if (ack.status().name().equals(c.refundStatus()) && (ack.status() == RefundAck.Status.REFUSED
                || Objects.equals(said, c.refundReference()))) {
            return new Result(Outcome.DUPLICATE, null);
        }
        String reason = "case " + c.caseId() + "'s refund step was completed as " + c.refundStatus()
                + (c.refundReference() == null ? "" : " (" + c.refundReference() + ")") + " by " + c.refundConfirmedBy()
                + "; billing now says " + ack.status() + (said == null ? "" : " (" + said + ")");
        Map<String, Object> detail = new HashMap<>(ack.detail());
        detail.put("recorded", c.refundStatus());
        detail.put("recordedBy", c.refundConfirmedBy());
        journal.record(c, BILLING, "BILLING_ACK_CONFLICT", step.taskId(), detail);
        return new Result(Outcome.CONFLICT, reason);
    }
}
