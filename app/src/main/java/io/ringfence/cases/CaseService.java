package io.ringfence.cases;

import io.ringfence.workflows.CaseControls;
import io.ringfence.workflows.FraudCase;
import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.security.CurrentUser;
import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Opens cases (from OPEN_CASE decisions, or by hand) and starts their fraud-case process. */
@Service
class CaseService {
    static final String DEFAULT_QUEUE = "fraud-general";
    static final int DEFAULT_SLA_MINUTES = 120;

    private final CaseStore store;
    private final CaseJournal journal;
    private final CaseEvidence evidence;
    private final Process<? extends Model> process;

    CaseService(CaseStore store, CaseJournal journal, CaseEvidence evidence,
                @Qualifier("fraud_case") Process<? extends Model> process) {
        this.store = store;
        this.journal = journal;
        this.evidence = evidence;
        this.process = process;
    }

    /**
     * Opens the case a decision asks for, once: a decision delivered again finds its case and opens none.
     *
     * @return the case, or empty when the decision asks for none
     */
    @Transactional
    public Optional<FraudCase> openFor(Decision decision, String json) {
        if (!decision.openCase() && decision.action() != Action.OPEN_CASE) {
            return Optional.empty();
        }
        String decisionId = decision.decisionId();
        Optional<FraudCase> existing = store.findByDecision(decisionId);
        if (existing.isPresent()) {
            return existing;
        }
        FraudCase c = new FraudCase(UUID.randomUUID(), decisionId, null, FraudCase.OPEN, null, null,
                decision.reason(), decision.explanation().ruleId(), decision.explanation().severity(),
                decision.priority(), decision.caseQueue() == null ? DEFAULT_QUEUE : decision.caseQueue(),
                decision.caseSlaMinutes() == null ? DEFAULT_SLA_MINUTES : decision.caseSlaMinutes(),
                decision.target().kind().name(), decision.target().value(), decision.subscriber(),
                List.copyOf(decision.alertIds()), Actor.SERVICE, journal.now(),
                null, null, null, null, null, null, null, null, null, null, null);
        if (!store.insert(c, json)) {
            return store.findByDecision(decisionId);
        }
        journal.record(c, Actor.SERVICE, "CASE_OPENED", null, Map.of("decisionId", decisionId,
                "action", decision.action().name(), "queue", c.queue(), "slaMinutes", c.slaMinutes()));
        return Optional.of(start(c));
    }

    /**
     * A case a person opens: a subject seen by a handler or analyst outside the automatic decisions. It cites
     * evidence about its target (or a supervisor opens it), and its subscriber, the one a refund would go to,
     * is the one the evidence names: a subscriber typed into the request is only checked against it.
     */
    @Transactional
    public FraudCase openByHand(NewCase request, CurrentUser user) {
        String kind = request.target().kind();
        String value = request.target().value();
        CaseControls.Evidence cited = evidence.cite(kind, value, request.alertIds(), request.eventIds());
        CaseControls.Verdict may = CaseControls.mayOpenByHand(user.name(), user.has(CaseTasks.SUPERVISOR), cited);
        Refusals.enforce(may, refused(request, user, may));
        CaseControls.Verdict fits = CaseControls.evidenceFits(cited, request.subscriber());
        Refusals.enforce(fits, refused(request, user, fits));
        String subscriber = cited.subscribers().isEmpty() ? null : cited.subscribers().iterator().next();
        FraudCase c = new FraudCase(UUID.randomUUID(), null, null, FraudCase.OPEN, null, null, request.typology(),
                null, request.severity(), request.priority() == null ? 3 : request.priority(),
                request.queue() == null ? DEFAULT_QUEUE : request.queue(), DEFAULT_SLA_MINUTES,
                kind, value, subscriber, request.alertIds(), user.name(), journal.now(),
                null, null, null, null, null, null, null, null, null, null, null);
        store.insert(c, null);
        Map<String, Object> detail = new HashMap<>();
        detail.put("reason", request.note());
        detail.put("evidence", may.reason());
        detail.put("eventIds", request.eventIds());
        if (request.subscriber() != null && subscriber == null) {
            // Kept for the record only: a subscriber no evidence names is never refunded.
            detail.put("subscriberAsTyped", request.subscriber());
        }
        journal.record(c, user.name(), "CASE_OPENED", null, detail);
        return start(c);
    }

    private static Refusals.Attempt refused(NewCase request, CurrentUser user, CaseControls.Verdict verdict) {
        return new Refusals.Attempt(null, request.target().kind(), request.target().value(), request.typology(),
                user.name(), null, "open a case by hand", verdict);
    }

    private FraudCase start(FraudCase c) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("caseId", c.caseId().toString());
        vars.put("decisionId", c.decisionId());
        vars.put("subject", c.targetKind() + ":" + c.targetValue());
        vars.put("typology", c.typology());
        vars.put("severity", c.severity());
        vars.put("queue", c.queue());
        Model model = process.createModel();
        model.fromMap(vars);
        ProcessInstance<? extends Model> instance = process.createInstance(c.caseId().toString(), model);
        store.set(c.caseId(), "process_instance_id", instance.id());
        instance.start();
        return store.find(c.caseId()).orElseThrow();
    }

    /** What a person gives to open a case by hand. */
    record NewCase(Target target, String subscriber, String typology, String severity, Integer priority, String queue,
                   String note, List<String> alertIds, List<String> eventIds) {
        NewCase {
            alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
            eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
        }

        record Target(String kind, String value) {
        }
    }
}
