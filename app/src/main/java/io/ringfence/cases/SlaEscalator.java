package io.ringfence.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import org.kie.kogito.usertask.UserTaskInstance;
import org.kie.kogito.usertask.UserTasks;
import org.kie.kogito.usertask.impl.DefaultUserTaskInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Escalates tasks past their SLA to the supervisors. Kogito 10.1's timers live in memory and die with
 * the process; these deadlines are columns of {@code case_task}, so a task that fell due while the
 * service was down escalates at the next check after it starts. Overdue rows are locked with SKIP
 * LOCKED, so with several instances each task escalates once.
 */
@Component
class SlaEscalator {
    private static final Logger log = LoggerFactory.getLogger(SlaEscalator.class);

    private final CaseStore store;
    private final CaseJournal journal;
    private final UserTasks userTasks;
    private final TransactionTemplate tx;
    private final Counter breaches;

    SlaEscalator(CaseStore store, CaseJournal journal, UserTasks userTasks, TransactionTemplate tx,
                 MeterRegistry meters) {
        this.store = store;
        this.journal = journal;
        this.userTasks = userTasks;
        this.tx = tx;
        // Counted when the escalation commits (below), so a rolled-back check counts nothing.
        this.breaches = Counter.builder("ringfence.cases.sla.breaches")
                .description("case tasks that passed their SLA and were escalated to the supervisors").register(meters);
    }

    @Scheduled(initialDelayString = "${ringfence.cases.sla-check:PT15S}", fixedDelayString = "${ringfence.cases.sla-check:PT15S}")
    void check() {
        try {
            Integer n = tx.execute(s -> escalateDue());
            if (n != null && n > 0) {
                breaches.increment(n);
                log.info("escalated {} overdue case task(s) to supervisors", n);
            }
        } catch (RuntimeException e) {
            log.warn("SLA check failed, retrying at the next one: {}", e.getMessage());
        }
    }

    /** @return how many tasks were escalated */
    int escalateDue() {
        List<CaseTask> due = store.overdueForUpdate(journal.now(), 100);
        for (CaseTask t : due) {
            List<String> groups = new ArrayList<>(t.groups());
            if (!groups.contains(CaseTasks.SUPERVISOR)) {
                groups.add(CaseTasks.SUPERVISOR);
            }
            Optional<UserTaskInstance> live = userTasks.instances().findById(t.taskId());
            live.ifPresent(task -> {
                DefaultUserTaskInstance d = (DefaultUserTaskInstance) task;
                d.setPotentialGroups(new java.util.HashSet<>(groups));
                d.setTaskPriority("1");
                userTasks.instances().update(d);
            });
            store.markEscalated(t.taskId(), journal.now(), groups);
            FraudCase c = store.find(t.caseId()).orElseThrow();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("task", t.name());
            detail.put("dueAt", t.dueAt().toString());
            detail.put("groups", groups);
            detail.put("owner", t.owner());
            journal.record(c, Actor.SERVICE, "TASK_ESCALATED", t.taskId(), detail);
        }
        return due.size();
    }
}
