package io.ringfence.cases;

import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import org.kie.kogito.usertask.UserTaskInstance;
import org.kie.kogito.usertask.UserTaskEventListener;
import org.kie.kogito.usertask.events.UserTaskAssignmentEvent;
import org.kie.kogito.usertask.events.UserTaskStateEvent;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Mirrors every user-task transition into Ringfence's task table and the case's history (Kogito deletes
 * its own copy when the task completes), and starts the triage SLA clock from the case's routing.
 */
@Component
class TaskListener implements UserTaskEventListener {
    static final String TRIAGE = "Triage";
    /** Billing's acknowledgement of the refund order is due within {@code ringfence.cases.refund-ack-within}. */
    static final String BILLING_CONFIRMATION = "BillingConfirmation";

    private final CaseStore store;
    private final CaseJournal journal;
    private final CaseProperties properties;

    TaskListener(CaseStore store, CaseJournal journal, CaseProperties properties) {
        this.store = store;
        this.journal = journal;
        this.properties = properties;
    }

    @Override
    public void onUserTaskState(UserTaskStateEvent event) {
        UserTaskInstance task = event.getUserTaskInstance();
        Optional<FraudCase> c = caseOf(task);
        if (c.isEmpty()) {
            return;
        }
        String status = task.getStatus() == null ? "Ready" : task.getStatus().getName();
        if (event.getOldStatus() != null && status.equals(event.getOldStatus().getName())) {
            return; // Kogito re-announces the state it is in while it assigns; the assignment event says what changed
        }
        String actor = Actor.of(event.getEventUser());
        Instant now = journal.now();
        Optional<CaseTask> known = store.task(task.getId());
        boolean done = "Completed".equals(status) || "Obsolete".equals(status) || "Error".equals(status);
        Instant due = known.map(CaseTask::dueAt).orElseGet(() -> TRIAGE.equals(task.getTaskName()) ? now.plus(sla(c.get()))
                : BILLING_CONFIRMATION.equals(task.getTaskName()) ? now.plus(properties.refundAckWithin()) : null);
        store.upsertTask(new CaseTask(task.getId(), c.get().caseId(), task.getTaskName(), status,
                new ArrayList<>(task.getPotentialGroups()), task.getActualOwner(), new ArrayList<>(task.getExcludedUsers()),
                known.map(CaseTask::createdAt).orElse(now), due, known.map(CaseTask::escalatedAt).orElse(null),
                done ? now : null, done ? actor : null));
        if (done) {
            store.set(c.get().caseId(), "stage", null);
        } else {
            store.set(c.get().caseId(), "stage", task.getTaskName());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("task", task.getTaskName());
        detail.put("from", event.getOldStatus() == null ? null : event.getOldStatus().getName());
        detail.put("to", status);
        detail.put("owner", task.getActualOwner());
        if (known.isEmpty() && due != null) {
            detail.put("dueAt", due.toString());
        }
        if ("Completed".equals(status) && task.getOutputs() != null) {
            // Kogito forgets the task and, when the case ends, the process variables: the handler's
            // outcome and notes live on here and in the audit trail.
            detail.put("outputs", new java.util.TreeMap<>(task.getOutputs()));
        }
        journal.record(c.get(), actor, "TASK_" + status.toUpperCase(), task.getId(), detail);
    }

    @Override
    public void onUserTaskAssignment(UserTaskAssignmentEvent event) {
        UserTaskInstance task = event.getUserTaskInstance();
        Optional<FraudCase> c = caseOf(task);
        Optional<CaseTask> known = store.task(task.getId());
        if (c.isEmpty() || known.isEmpty()) {
            return;
        }
        CaseTask t = known.get();
        store.upsertTask(new CaseTask(t.taskId(), t.caseId(), t.name(), t.status(),
                new ArrayList<>(task.getPotentialGroups()), task.getActualOwner(), new ArrayList<>(task.getExcludedUsers()),
                t.createdAt(), t.dueAt(), t.escalatedAt(), t.completedAt(), t.completedBy()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("task", task.getTaskName());
        detail.put("type", event.getAssignmentType());
        detail.put("from", list(event.getOldUsersId()));
        detail.put("to", list(event.getNewUsersId()));
        journal.record(c.get(), Actor.of(event.getEventUser()), "TASK_ASSIGNED", task.getId(), detail);
    }

    private Duration sla(FraudCase c) {
        return properties.slaOverride() != null ? properties.slaOverride() : Duration.ofMinutes(c.slaMinutes());
    }

    private Optional<FraudCase> caseOf(UserTaskInstance task) {
        Object id = task.getInputs() == null ? null : task.getInputs().get("caseId");
        if (id == null) {
            return Optional.empty();
        }
        return store.find(UUID.fromString(id.toString()));
    }

    private static List<String> list(String[] users) {
        return users == null ? List.of() : List.of(users);
    }
}
