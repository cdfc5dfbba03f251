package io.ringfence.cases;

import io.ringfence.workflows.CaseControls;
import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.blocks.BlockRow;
import io.ringfence.blocks.BlockStore;
import io.ringfence.contract.Target;
import io.ringfence.security.CurrentUser;
import io.ringfence.security.People;
import org.kie.kogito.usertask.UserTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task list: what a handler may work, and claim, release, delegate and complete, always in the
 * authenticated person's name. Ringfence checks first (with reasons a handler understands, and the
 * four-eyes rule Kogito's group check does not enforce); Kogito checks again when it moves the task.
 */
@Service
class CaseTasks {
    private static final Logger LOG = LoggerFactory.getLogger(CaseTasks.class);
    static final String SUPERVISOR = "supervisor";

    private final CaseStore store;
    private final UserTaskService tasks;
    private final People people;
    private final CaseJournal journal;
    private final BlockStore blocks;
    private final RefundAnswers answers;

    CaseTasks(CaseStore store, UserTaskService tasks, People people, CaseJournal journal, BlockStore blocks,
              RefundAnswers answers) {
        this.answers = answers;
        this.store = store;
        this.tasks = tasks;
        this.people = people;
        this.journal = journal;
        this.blocks = blocks;
    }

    @Transactional(readOnly = true)
    CaseStore.Page<CaseTask> available(TaskQuery q, CurrentUser user) {
        return store.available(q, user.name(), user.roles());
    }

    @Transactional(readOnly = true)
    CaseTask visible(String taskId, CurrentUser user) {
        return visible(store.task(taskId).orElseThrow(() -> CaseException.notFound("task " + taskId)), user);
    }

    /**
     * A task is shown to who may work it, to supervisors, and to who completed it. Someone excluded from it
     * (the requester of the refund it approves) is told why, whatever their roles.
     */
    private static CaseTask visible(CaseTask t, CurrentUser user) {
        if (t.excluded().contains(user.name())) {
            throw CaseException.forbidden("four eyes: " + user.name() + " is excluded from task " + t.taskId()
                    + ", which approves what they asked for; another supervisor must act on it");
        }
        boolean may = t.availableTo(user.name(), user.roles()) || user.has(SUPERVISOR) || user.name().equals(t.completedBy());
        if (!may) {
            throw CaseException.notFound("task " + t.taskId());
        }
        return t;
    }

    @Transactional
    CaseTask claim(String taskId, CurrentUser user) {
        CaseTask t = open(taskId, user);
        if (user.name().equals(t.owner())) {
            return t;
        }
        if (t.owner() != null) {
            throw CaseException.conflict("task " + taskId + " is claimed by " + t.owner());
        }
        mayWork(t, user.name(), user.name(), "claim " + t.name());
        tasks.transition(taskId, "claim", Map.of(), user.identity());
        return store.task(taskId).orElseThrow();
    }

    @Transactional
    CaseTask release(String taskId, CurrentUser user) {
        CaseTask t = open(taskId, user);
        if (!user.name().equals(t.owner())) {
            throw CaseException.conflict("only the owner can release task " + taskId);
        }
        tasks.transition(taskId, "release", Map.of(), user.identity());
        return store.task(taskId).orElseThrow();
    }

    /** Hands the task to a colleague who may work it: its owner may, and so may a supervisor. */
    @Transactional
    CaseTask delegate(String taskId, String to, CurrentUser user) {
        CaseTask t = open(taskId, user);
        if (!user.name().equals(t.owner()) && !user.has(SUPERVISOR)) {
            throw CaseException.forbidden("only the owner or a supervisor can delegate task " + taskId);
        }
        if (to == null || to.isBlank()) {
            throw CaseException.invalid("to", "the user to hand the task to");
        }
        Set<String> theirRoles = to.equals(user.name()) ? Set.copyOf(user.roles()) : rolesOf(to);
        if (t.excluded().contains(to) || t.groups().stream().noneMatch(theirRoles::contains)) {
            throw CaseException.conflict(to + " may not work task " + taskId + " (groups " + t.groups() + ")");
        }
        mayWork(t, to, user.name(), "delegate " + t.name() + " to " + to);
        if (t.owner() != null) {
            tasks.transition(taskId, "release", Map.of(), user.identity());
        }
        tasks.transition(taskId, "claim", Map.of("USER", to), user.identity());
        FraudCase c = store.find(t.caseId()).orElseThrow();
        journal.record(c, user.name(), "TASK_DELEGATED", taskId, Map.of("task", t.name(), "to", to));
        return store.task(taskId).orElseThrow();
    }

    /** Completes the task with its outcome form; an unowned task the person may work is claimed first. */
    @Transactional
    CaseTask complete(String taskId, JsonNode form, CurrentUser user) {
        CaseTask t = open(taskId, user);
        if (t.owner() != null && !user.name().equals(t.owner())) {
            throw CaseException.conflict("task " + taskId + " is claimed by " + t.owner());
        }
        FraudCase c = mayWork(t, user.name(), user.name(), "complete " + t.name());
        Map<String, Object> outputs = TaskForms.outputs(t.name(), form, user.name());
        switch (t.name()) {
            case "Triage" -> {
                Object outcome = outputs.get("outcome");
                if ("FALSE_POSITIVE".equals(outcome)) {
                    CaseControls.Verdict lift = CaseControls.mayLift(blocksInForce(c), user.name(), user.has(SUPERVISOR));
                    Refusals.enforce(lift, Refusals.Attempt.on(c, user.name(), taskId, "complete Triage as FALSE_POSITIVE",
                            lift));
                }
                if (!"NEEDS_INFO".equals(outcome)) {
                    store.set(c.caseId(), "outcome", outcome);
                }
            }
            case "RefundReview" -> {
                BigDecimal amount = BigDecimal.valueOf((Double) outputs.get("amount"));
                CaseControls.Verdict toWhom = CaseControls.mayRefund(c.subscriber(), amount);
                Refusals.enforce(toWhom, Refusals.Attempt.on(c, user.name(), taskId, "request a refund of "
                        + amount.toPlainString(), toWhom));
                store.set(c.caseId(), "refund_amount", amount);
                store.set(c.caseId(), "refund_requested_by", user.name());
            }
            case "BillingConfirmation" -> {
                String status = (String) outputs.get("status");
                Map<String, Object> byHand = new java.util.LinkedHashMap<>();
                byHand.put("byHand", true);
                if (outputs.get("note") != null) {
                    byHand.put("note", outputs.get("note"));
                }
                answers.record(c, user.name(), taskId, status, RefundAnswers.APPLIED.equals(status)
                        ? (String) outputs.get("reference") : (String) outputs.get("note"), null, null, byHand);
            }
            case "RefundApproval" -> {
                if (user.name().equals(c.refundRequestedBy())) {
                    throw CaseException.forbidden("four eyes: " + user.name()
                            + " requested this refund and cannot approve it; another supervisor must");
                }
                if (Boolean.TRUE.equals(outputs.get("approved"))) {
                    store.set(c.caseId(), "refund_approved_by", user.name());
                }
            }
            default -> {
            }
        }
        store.set(c.caseId(), "handler", user.name());
        if (t.owner() == null) {
            tasks.transition(taskId, "claim", Map.of(), user.identity());
        }
        tasks.transition(taskId, "complete", outputs, user.identity());
        return store.task(taskId).orElseThrow();
    }

    /**
     * The task, locked for this transaction: two people (or a person and the SLA escalator) moving the same
     * task queue up here, in one order, and the second sees what the first did.
     */
    private CaseTask open(String taskId, CurrentUser user) {
        CaseTask t = visible(store.taskForUpdate(taskId).orElseThrow(() -> CaseException.notFound("task " + taskId)), user);
        if (!t.open()) {
            throw CaseException.conflict("task " + taskId + " is " + t.status());
        }
        return t;
    }

    /** Segregation of duties on the task's case: {@code worker} is who would work it, {@code actor} who asks. */
    private FraudCase mayWork(CaseTask t, String worker, String actor, String attempt) {
        FraudCase c = store.find(t.caseId()).orElseThrow();
        CaseControls.Verdict v = CaseControls.mayWork(c.openedBy(), worker, t.name());
        Refusals.enforce(v, Refusals.Attempt.on(c, actor, t.taskId(), attempt, v));
        return c;
    }

    /** The blocks in force on the case's target, which a false-positive verdict would lift. */
    private List<String> blocksInForce(FraudCase c) {
        return blocks.inForceOn(new Target(Target.Kind.valueOf(c.targetKind()), c.targetValue())).stream()
                .map(BlockRow::decisionId).toList();
    }

    private Set<String> rolesOf(String user) {
        try {
            return people.rolesOf(user).orElseThrow(() -> CaseException.invalid("to", "no user " + user));
        } catch (IllegalStateException e) {
            LOG.warn("delegation to {}: {}", user, e.getMessage());
            throw new CaseException(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable",
                    "cannot check " + user + "'s roles now; try again later or ask an administrator");
        }
    }
}
