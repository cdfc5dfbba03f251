package io.ringfence.cases;

import io.ringfence.workflows.CaseHistoryEntry;
import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.contract.Target;
import io.ringfence.security.CurrentUser;
import io.ringfence.web.Instants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Cases: the list (by subscriber, status, typology, handler, age), one case with its evidence and history, and opening one by hand. */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "Fraud cases and their history")
class CaseController {
    /** Ids a hand-opened case may cite, alerts and events together: a decision cites at most 50 events per alert. */
    static final int MAX_EVIDENCE = 200;
    private final CaseStore store;
    private final CaseService service;
    private final CaseEvidence evidence;
    private final OpeningDecision opening;
    private final CaseLabels labels;
    private final LegalHolds holds;

    CaseController(CaseStore store, CaseService service, CaseEvidence evidence, OpeningDecision opening, CaseLabels labels,
                   LegalHolds holds) {
        this.store = store;
        this.service = service;
        this.evidence = evidence;
        this.opening = opening;
        this.labels = labels;
        this.holds = holds;
    }

    record CasePage(List<FraudCase> items, long total, int page, int size) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('case-handler', 'supervisor', 'fraud-analyst', 'compliance-officer')")
    @Operation(summary = "Cases, newest first; olderThan (ISO duration) finds cases open longer than that")
    @Transactional(readOnly = true)
    CasePage list(@RequestParam(required = false) String subscriber, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String typology, @RequestParam(required = false) String handler,
                  @RequestParam(required = false) Duration olderThan,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant openedAfter,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size);
        if (!Instants.queryable(openedAfter)) {
            throw CaseException.invalid("openedAfter", "an instant " + Instants.RANGE);
        }
        if (olderThan != null && (olderThan.isNegative() || olderThan.toDays() > 3660)) {
            throw CaseException.invalid("olderThan", "a duration between PT0S and P3660D");
        }
        Instant before = olderThan == null ? null : Instant.now().minus(olderThan);
        CaseStore.Page<FraudCase> p = store.list(new CaseQuery(subscriber, status, typology, handler, openedAfter,
                before, page, size));
        return new CasePage(p.items(), p.total(), page, size);
    }

    /** The list's filters in the body, so that a number stays out of URLs that ingress and proxy logs keep. */
    record CaseSearch(String subscriber, String status, String typology, String handler, Duration olderThan,
                      Instant openedAfter, Integer page, Integer size) {
    }

    @PostMapping(value = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('case-handler', 'supervisor', 'fraud-analyst', 'compliance-officer')")
    @Operation(summary = "The case list with its filters in the body (the number out of the URL); the console uses this")
    @Transactional(readOnly = true)
    CasePage search(@RequestBody CaseSearch s) {
        return list(s.subscriber(), s.status(), s.typology(), s.handler(), s.olderThan(), s.openedAfter(),
                s.page() == null ? 0 : s.page(), s.size() == null ? 50 : s.size());
    }

    record CaseView(FraudCase fraudCase, JsonNode decision, List<JsonNode> alerts, List<JsonNode> events,
                    List<CaseTask> tasks, List<CaseHistoryEntry> history, LegalHolds.LegalHold legalHold) {
    }

    @GetMapping("/{caseId}")
    @PreAuthorize("hasAnyRole('case-handler', 'supervisor', 'fraud-analyst', 'compliance-officer')")
    @Operation(summary = "One case: the decision with its explanation, the alerts, the evidence events, the tasks and the history")
    @Transactional(readOnly = true)
    CaseView get(@PathVariable UUID caseId) {
        FraudCase c = store.find(caseId).orElseThrow(() -> CaseException.notFound("case " + caseId));
        return new CaseView(c, opening.asJson(c), evidence.alerts(c), evidence.events(c), store.tasksOf(caseId),
                store.history(caseId), holds.of(caseId));
    }

    // produces: an Accept without JSON is refused (406) before the case is opened, not after.
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('case-handler', 'supervisor', 'fraud-analyst')")
    @Operation(summary = "Opens a case by hand on a subject, citing alertIds or eventIds about it (or as a supervisor),"
            + " which starts its fraud-case process")
    ResponseEntity<FraudCase> open(@RequestBody CaseService.NewCase request) {
        if (request == null || request.target() == null || request.target().value() == null
                || request.target().value().isBlank()) {
            throw CaseException.invalid("target", "{kind, value} of the subject");
        }
        try {
            Target.Kind.valueOf(String.valueOf(request.target().kind()));
        } catch (IllegalArgumentException e) {
            throw CaseException.invalid("target.kind", "one of SUBSCRIBER, NUMBER, IP, TRUNK, GT, SENDER");
        }
        if (request.typology() == null || !request.typology().matches("[A-Z_]{2,40}")) {
            throw CaseException.invalid("typology", "a typology code such as SIM_SWAP");
        }
        if (request.note() == null || request.note().isBlank() || request.note().length() > TaskForms.MAX_NOTE) {
            throw CaseException.invalid("note", "why the case is opened (at most " + TaskForms.MAX_NOTE + " characters)");
        }
        if (request.alertIds().size() + request.eventIds().size() > MAX_EVIDENCE
                || Stream.concat(request.alertIds().stream(), request.eventIds().stream())
                .anyMatch(id -> id == null || id.isBlank() || id.length() > 200)) {
            throw CaseException.invalid("alertIds", "at most " + MAX_EVIDENCE + " alert and event ids in all, none blank");
        }
        FraudCase c = service.openByHand(request, CurrentUser.get());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + c.caseId())).body(c);
    }

    /** A hold to set ({@code hold: true}) or clear, and why: both are audited. */
    record HoldRequest(Boolean hold, String reason) {
    }

    @PostMapping(value = "/{caseId}/legal-hold", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('supervisor', 'compliance-officer')")
    @Operation(summary = "Sets or clears a case's legal hold (retention and erasure leave a held case as it is)")
    LegalHolds.LegalHold legalHold(@PathVariable UUID caseId, @RequestBody HoldRequest request) {
        if (request == null || request.hold() == null) {
            throw CaseException.invalid("hold", "true to set the legal hold, false to clear it");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > TaskForms.MAX_NOTE) {
            throw CaseException.invalid("reason", "why (a claim, a court order, a regulator's request), at most "
                    + TaskForms.MAX_NOTE + " characters");
        }
        return holds.set(caseId, request.hold(), request.reason().strip(), CurrentUser.get().name());
    }

    @GetMapping(value = "/labels", produces = "application/x-ndjson")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    @Operation(summary = "Handlers' verdicts as labels (the simulator's label format) for model training and replay --labels")
    @Transactional(readOnly = true)
    ResponseEntity<String> labels(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                  Instant closedAfter, @RequestParam(defaultValue = "10000") int limit) {
        Paging.check(0, Math.min(limit, Paging.MAX_SIZE));
        if (!Instants.queryable(closedAfter)) {
            throw CaseException.invalid("closedAfter", "an instant " + Instants.RANGE);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(labels.export(closedAfter == null ? Instant.EPOCH : closedAfter, Math.min(limit, 100_000)));
    }
}
