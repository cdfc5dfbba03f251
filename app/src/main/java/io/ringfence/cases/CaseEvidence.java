package io.ringfence.cases;

import io.ringfence.workflows.CaseControls;
import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.StoredEvidence;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a handler looks at: the alerts behind the case and the events that raised them, from the stores. */
@Component
class CaseEvidence {
    private final StoredEvidence stored;
    private final ObjectMapper mapper;

    CaseEvidence(StoredEvidence stored, ObjectMapper mapper) {
        this.stored = stored;
        this.mapper = mapper;
    }

    List<JsonNode> alerts(FraudCase c) {
        return parse(stored.alertPayloads(c.alertIds()));
    }

    /** The events the opening decision cites, oldest first (at most the contract's 50 per alert). */
    List<JsonNode> events(FraudCase c) {
        if (c.decisionId() == null) {
            return List.of();
        }
        return parse(stored.eventPayloads(stored.citedEventIds(c.decisionId()), c.subscriber()));
    }

    /** The events a decision cites, as its audit entry recorded them (none for an unknown decision). */
    List<String> eventIds(String decisionId) {
        return stored.citedEventIds(decisionId);
    }

    /**
     * What a case opened by hand cites, checked against the stores: an alert fits the target if it is about
     * it (or, for a subscriber, raised on their line); an event fits a subscriber target if it is theirs.
     */
    CaseControls.Evidence cite(String targetKind, String targetValue, List<String> alertIds, List<String> eventIds) {
        if (alertIds.isEmpty() && eventIds.isEmpty()) {
            return CaseControls.Evidence.NONE;
        }
        boolean subscriberTarget = "SUBSCRIBER".equals(targetKind);
        List<String> found = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        Set<String> subscribers = new TreeSet<>();
        for (StoredEvidence.AlertSubject a : stored.alertSubjects(alertIds)) {
            String subscriber = a.subscriber() != null ? a.subscriber()
                    : "SUBSCRIBER".equals(a.subjectKind()) ? a.subjectValue() : null;
            boolean fits = (targetKind.equals(a.subjectKind()) && targetValue.equals(a.subjectValue()))
                    || (subscriberTarget && targetValue.equals(subscriber));
            found.add(a.alertId());
            if (!fits) {
                elsewhere.add(a.alertId());
            } else if (subscriber != null) {
                subscribers.add(subscriber);
            }
        }
        for (StoredEvidence.EventOwner e : stored.eventOwners(eventIds)) {
            found.add(e.eventId());
            if (subscriberTarget && !targetValue.equals(e.subscriber())) {
                elsewhere.add(e.eventId());
            } else {
                subscribers.add(e.subscriber());
            }
        }
        List<String> missing = new ArrayList<>();
        alertIds.stream().filter(id -> !found.contains(id)).forEach(missing::add);
        eventIds.stream().filter(id -> !found.contains(id)).forEach(missing::add);
        return new CaseControls.Evidence(alertIds.size() + eventIds.size(), missing, elsewhere, subscribers);
    }

    private List<JsonNode> parse(List<String> json) {
        List<JsonNode> out = new ArrayList<>(json.size());
        for (String j : json) {
            try {
                out.add(mapper.readTree(j));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                out.add(mapper.getNodeFactory().textNode(j));
            }
        }
        return out;
    }
}
