package io.ringfence.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Backtesting a submitted change on the stored event history (docs/governance.md). */
@RestController
class BacktestController {
    static final int MAX_PAGE_SIZE = 500;

    /** One page of a backtest's differences. */
    record DifferencePage(List<Difference> items, long total, int page, int size) {
    }

    private final BacktestService backtests;
    private final BacktestStore store;
    private final EventsUpload uploads;
    private final ObjectMapper mapper;
    private final io.ringfence.governance.Drafts drafts;

    BacktestController(BacktestService backtests, BacktestStore store, EventsUpload uploads, ObjectMapper mapper,
                       io.ringfence.governance.Drafts drafts) {
        this.drafts = drafts;
        this.backtests = backtests;
        this.store = store;
        this.uploads = uploads;
        this.mapper = mapper;
    }

    @Operation(summary = "Backtest a submitted change on the stored events of [from, to): runs in the background")
    @PostMapping(path = "/api/v1/changes/{id}/backtests", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<BacktestView> start(@PathVariable UUID id, @RequestBody(required = false) JsonNode body) {
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        Backtest b = backtests.start(id, from, to, user());
        return ResponseEntity.accepted().location(URI.create("/api/v1/backtests/" + b.backtestId()))
                .body(BacktestView.of(b, mapper));
    }

    @Operation(summary = "Backtest a submitted change on a file of events sent as the body: the contract's JSON Lines, "
            + "or CSV CDRs through the configured column mapping, either optionally gzip; name says which. Rows that are "
            + "not events are counted and the first of them listed in the backtest's input")
    @PostMapping(path = "/api/v1/changes/{id}/backtests", consumes = {"application/x-ndjson", "application/jsonl",
            "text/csv", "application/gzip", MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<BacktestView> startOnFile(@PathVariable UUID id, @RequestParam(required = false) String name,
                                             HttpServletRequest request) throws IOException {
        String user = user();
        BacktestService.Plan plan = backtests.plan(id);
        EventsUpload.Received upload = uploads.receive(request.getInputStream(), name);
        Backtest b = backtests.startOnFile(plan, upload, user);
        return ResponseEntity.accepted().location(URI.create("/api/v1/backtests/" + b.backtestId()))
                .body(BacktestView.of(b, mapper));
    }

    @Operation(summary = "A backtest: status, progress, and once done its summary")
    @GetMapping(path = "/api/v1/backtests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    BacktestView one(@PathVariable UUID id) {
        return BacktestView.of(find(id), mapper);
    }

    @Operation(summary = "A backtest's differences in event-time order, by typology, kind (alert, decision) and change")
    @GetMapping(path = "/api/v1/backtests/{id}/differences", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    DifferencePage differences(@PathVariable UUID id, @RequestParam(required = false) String typology,
                               @RequestParam(required = false) String kind, @RequestParam(required = false) String change,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BacktestRejected(400, "Invalid request", "page must be 0 or more and size 1-" + MAX_PAGE_SIZE);
        }
        BacktestStore.Filter f = new BacktestStore.Filter(typology,
                kind == null ? null : value(Output.Kind.class, kind, "kind"),
                change == null ? null : value(Difference.Change.class, change, "change"));
        find(id);
        return new DifferencePage(store.differences(id, f, page, size), store.countDifferences(id, f), page, size);
    }

    @Operation(summary = "Cancel a queued or running backtest")
    @DeleteMapping(path = "/api/v1/backtests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<BacktestView> cancel(@PathVariable UUID id) {
        if (backtests.find(id).filter(b -> !drafts.visible(b.changeId())).isPresent()) {
            throw new BacktestRejected(404, "Not found", "no backtest " + id); // someone else's draft's
        }
        return ResponseEntity.accepted().body(BacktestView.of(backtests.cancel(id), mapper));
    }

    /** A backtest of someone else's draft is not found, as the draft is not. */
    private Backtest find(UUID id) {
        return backtests.find(id).filter(b -> drafts.visible(b.changeId()))
                .orElseThrow(() -> new BacktestRejected(404, "Not found", "no backtest " + id));
    }

    private static Instant instant(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        if (n == null || !n.isTextual()) {
            throw new BacktestRejected(400, "Invalid request", field + " is required: an ISO-8601 instant such as "
                    + "2026-03-02T00:00:00Z");
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new BacktestRejected(400, "Invalid request", field + " must be an ISO-8601 instant such as "
                    + "2026-03-02T00:00:00Z, not '" + n.asText() + "'");
        }
    }

    private static <E extends Enum<E>> E value(Class<E> type, String s, String name) {
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BacktestRejected(400, "Invalid request", name + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    /** The signed-in analyst; identity never comes from the request body. */
    private static String user() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a.getName() == null) {
            throw new BacktestRejected(401, "Unauthorized", "sign in to run a backtest");
        }
        return a.getName();
    }
}
