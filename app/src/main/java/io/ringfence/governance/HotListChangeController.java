package io.ringfence.governance;

import io.ringfence.screening.HotListEdits;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Hot-list edits: each request is checked and submitted as a change; it takes effect when a second
 * person approves it at {@code /api/v1/changes/{id}/approve}. Reading a list stays at the screening API.
 */
@RestController
@RequestMapping(path = "/api/v1/hotlists/{list}", produces = MediaType.APPLICATION_JSON_VALUE)
class HotListChangeController {
    static final String TEXT_CSV = "text/csv";
    static final int MAX_CSV_BYTES = 16 * 1024 * 1024;

    private final ChangeService changes;

    HotListChangeController(ChangeService changes) {
        this.changes = changes;
    }

    @Operation(summary = "Submit the replacement of a hot list from CSV (value,note); applied atomically once approved")
    @PutMapping(consumes = TEXT_CSV)
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ResponseEntity<ChangeView> replace(@PathVariable String list, HttpServletRequest request,
                                       @RequestParam(required = false) String summary) throws IOException {
        return submit(list, HotListEdits.Operation.REPLACE, csv(request), summary);
    }

    @Operation(summary = "Submit CSV entries (value,note) to add to a hot list; applied atomically once approved")
    @PostMapping(consumes = TEXT_CSV)
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ResponseEntity<ChangeView> add(@PathVariable String list, HttpServletRequest request,
                                   @RequestParam(required = false) String summary) throws IOException {
        return submit(list, HotListEdits.Operation.ADD, csv(request), summary);
    }

    @Operation(summary = "Submit the removal of one value from a hot list; applied once approved")
    @DeleteMapping("/{value}")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ResponseEntity<ChangeView> remove(@PathVariable String list, @PathVariable String value,
                                      @RequestParam(required = false) String summary) {
        return submit(list, HotListEdits.Operation.REMOVE, value.getBytes(StandardCharsets.UTF_8), summary);
    }

    /** The removal with the number and the summary in a JSON body, where ingress logs do not keep them. */
    record Removal(String value, String summary) {
    }

    @Operation(summary = "Submit the removal of one value from a hot list, the value in the body; applied once approved")
    @PostMapping(path = "/removals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ResponseEntity<ChangeView> removeInBody(@PathVariable String list, @RequestBody Removal removal) {
        if (removal == null || removal.value() == null || removal.value().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "value: the entry to remove from the list");
        }
        return remove(list, removal.value(), removal.summary());
    }

    private ResponseEntity<ChangeView> submit(String list, HotListEdits.Operation op, byte[] body, String summary) {
        AssetChange c = changes.submit(AssetKind.HOT_LIST, list, op.name(), body, null, summary, Reviewer.current());
        // Accepted, not applied: the edit waits for its approval.
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/changes/" + c.changeId()))
                .body(ChangeView.of(c));
    }

    private static byte[] csv(HttpServletRequest request) throws IOException {
        return BoundedBody.read(request.getInputStream(), MAX_CSV_BYTES, "a hot-list CSV");
    }
}
