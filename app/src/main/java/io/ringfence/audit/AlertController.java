package io.ringfence.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A subscriber's alerts as last raised, escalated or closed (through JPA). */
@RestController
class AlertController {
    private final AlertRecordRepository alerts;
    private final ObjectMapper mapper;

    AlertController(AlertRecordRepository alerts, ObjectMapper mapper) {
        this.alerts = alerts;
        this.mapper = mapper;
    }

    record Item(boolean closed, JsonNode alert) {
    }

    @PreAuthorize("hasAnyRole('fraud-analyst', 'case-handler', 'supervisor', 'compliance-officer')")
    @GetMapping("/api/v1/alerts")
    AuditQueries.Page<Item> bySubscriber(@RequestParam(required = false) String subscriber,
                                         @RequestParam(required = false) String page,
                                         @RequestParam(required = false) String size) {
        String s = QueryParameters.text(subscriber);
        if (s == null) {
            throw QueryParameters.bad("'subscriber' is required");
        }
        QueryParameters.Paging p = QueryParameters.paging(page, size);
        org.springframework.data.domain.Page<AlertRecord> found =
                alerts.findBySubscriberOrderByDetectedAtDesc(s, PageRequest.of(p.page(), p.size()));
        List<Item> items = found.map(a -> new Item(a.isClosed(), json(a.getPayload()))).getContent();
        return AuditQueries.Page.of(items, p, found.getTotalElements());
    }

    /** The search with the number in the body, where ingress and proxy logs do not keep it (the console uses this). */
    record Search(String subscriber, String page, String size) {
    }

    @PreAuthorize("hasAnyRole('fraud-analyst', 'case-handler', 'supervisor', 'compliance-officer')")
    @PostMapping("/api/v1/alerts/search")
    AuditQueries.Page<Item> search(@RequestBody Search search) {
        return bySubscriber(search.subscriber(), search.page(), search.size());
    }

    private JsonNode json(String s) {
        try {
            return mapper.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException("stored alert is not JSON", e);
        }
    }
}
