package io.ringfence.cases;

import org.kie.kogito.internal.process.event.DefaultKogitoProcessEventListener;
import org.kie.api.event.process.ProcessCompletedEvent;
import org.kie.api.runtime.process.WorkflowProcessInstance;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Closes the case when its process ends, keeping the verdict and what was done (Kogito deletes the instance). */
@Component
class ProcessListener extends DefaultKogitoProcessEventListener {
    private final CaseStore store;
    private final CaseJournal journal;

    ProcessListener(CaseStore store, CaseJournal journal) {
        this.store = store;
        this.journal = journal;
    }

    @Override
    public void afterProcessCompleted(ProcessCompletedEvent event) {
        if (!(event.getProcessInstance() instanceof WorkflowProcessInstance instance)
                || !"fraud_case".equals(instance.getProcessId())) {
            return;
        }
        Object caseId = instance.getVariable("caseId");
        if (caseId == null) {
            return;
        }
        UUID id = UUID.fromString(caseId.toString());
        store.find(id).ifPresent(c -> {
            store.close(id, journal.now());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outcome", instance.getVariable("outcome"));
            detail.put("blockDecisionId", instance.getVariable("blockDecisionId"));
            detail.put("lifted", instance.getVariable("cleared"));
            detail.put("refundRoute", instance.getVariable("refundRoute"));
            detail.put("refundApproved", instance.getVariable("refundApproved"));
            detail.put("refundOrderId", instance.getVariable("refundOrderId"));
            journal.record(c, Actor.current(), "CASE_CLOSED", null, detail);
        });
    }
}
