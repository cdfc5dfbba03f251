package io.ringfence.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** A subscriber's event history for case timelines and investigations. */
@RestController
class EventHistoryController {
    private final AuditQueries queries;

    EventHistoryController(AuditQueries queries) {
        this.queries = queries;
    }

    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    @GetMapping("/api/v1/events")
    AuditQueries.Page<AuditQueries.Event> events(@RequestParam(required = false) String subscriber,
                                                 @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to,
                                                 @RequestParam(required = false) String page,
                                                 @RequestParam(required = false) String size) {
        String s = QueryParameters.text(subscriber);
        if (s == null) {
            // The history is read per subscriber (its index); a scan of every event is not a query.
            throw QueryParameters.bad("'subscriber' is required");
        }
        Instant f = QueryParameters.instant("from", from);
        Instant t = QueryParameters.instant("to", to);
        QueryParameters.range(f, t);
        return queries.events(s, f, t, QueryParameters.paging(page, size));
    }

    /** The search with the number in the body, where ingress and proxy logs do not keep it (the console uses this). */
    record Search(String subscriber, String from, String to, String page, String size) {
    }

    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    @PostMapping("/api/v1/events/search")
    AuditQueries.Page<AuditQueries.Event> search(@RequestBody Search search) {
        return events(search.subscriber(), search.from(), search.to(), search.page(), search.size());
    }
}
