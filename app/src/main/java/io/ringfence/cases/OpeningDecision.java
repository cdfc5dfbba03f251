package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.contract.Decision;
import io.ringfence.contract.DecisionJson;
import org.springframework.stereotype.Component;

/** The decision that opened a case, as stored with it (null for a case opened by hand). */
@Component
class OpeningDecision {
    private final CaseStore store;
    private final ObjectMapper mapper;

    OpeningDecision(CaseStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** The decision to act on: its action, target and explanation. */
    Decision of(FraudCase c) {
        String json = store.decisionJson(c.caseId());
        if (json == null) {
            return null;
        }
        try {
            return DecisionJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("case " + c.caseId() + " holds a decision that cannot be read: " + e.getMessage(), e);
        }
    }

    /** The decision as the contract wrote it, for the case page: shown as published, not as read back. */
    JsonNode asJson(FraudCase c) {
        String json = store.decisionJson(c.caseId());
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("case " + c.caseId() + " holds a decision that is not JSON", e);
        }
    }
}
