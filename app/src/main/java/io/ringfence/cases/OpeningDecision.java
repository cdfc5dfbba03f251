package io.ringfence.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    JsonNode of(FraudCase c) {
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
