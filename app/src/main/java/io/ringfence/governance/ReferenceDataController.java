package io.ringfence.governance;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;

/**
 * Changes of the reference lists (high-risk ranges, IRSF test numbers, SIM-box TACs): submitted here, reviewed and
 * rolled back like every change at {@code /api/v1/changes}; the lists in force are at
 * {@code /api/v1/live/reference-data}. See docs/reference-data.md.
 */
@RestController
@RequestMapping(path = "/api/v1/changes/reference-data", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferenceDataController {
    static final int MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

    /** An import: the change, and how many of the feed's entries it adds. */
    record ImportView(ChangeView change, int added, int alreadyListed) {
    }

    private final ReferenceDataChanges changes;

    ReferenceDataController(ReferenceDataChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "Submit reference lists: {\"files\": {\"high-risk-ranges.csv\" | \"irsf-test-numbers.csv\" | "
            + "\"simbox-tacs.csv\": CSV text}}; a list left out stays as it is in force. Checked at once")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> submit(HttpServletRequest request, @RequestParam(required = false) String summary)
            throws IOException {
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_UPLOAD_BYTES, "a reference data upload");
        return ChangeController.created(changes.submit(body, summary, Reviewer.current()));
    }

    @Operation(summary = "Import a threat-intelligence feed (one number or TAC per line) into irsf-test-numbers or "
            + "simbox-tacs, as a change adding the entries not yet listed under the list's new version")
    @PostMapping(path = "/{list}/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ImportView> importFeed(HttpServletRequest request, @PathVariable String list,
                                          @RequestParam String version, @RequestParam String source,
                                          @RequestParam(required = false) String summary) throws IOException {
        if (!ReferenceDataChanges.FEED_LISTS.containsKey(list)) {
            throw new ChangeRejected(404, "Not found", "a feed is imported into one of "
                    + ReferenceDataChanges.FEED_LISTS.keySet());
        }
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_UPLOAD_BYTES, "a feed");
        ReferenceDataChanges.Imported i = changes.importFeed(list, body, version, source, summary, Reviewer.current());
        return ResponseEntity.created(URI.create("/api/v1/changes/" + i.change().changeId()))
                .body(new ImportView(ChangeView.of(i.change()), i.added(), i.alreadyListed()));
    }
}
