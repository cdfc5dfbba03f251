package io.ringfence.feedback;

import io.ringfence.web.Instants;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;

/** What the training command reads from a running service: the verdicts as feature rows. */
@RestController
@RequestMapping(path = "/api/v1/training", produces = MediaType.APPLICATION_JSON_VALUE)
class TrainingController {
    static final int MAX_CASES = 10_000;

    private final VerdictRowsService rows;

    TrainingController(VerdictRowsService rows) {
        this.rows = rows;
    }

    @GetMapping("/verdict-rows")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    @Operation(summary = "The handlers' verdicts on cases closed since closedAfter as labelled feature rows, from the stored "
            + "history through the live enrich stage: what pmml-models/train --service learns from. No subscriber number "
            + "leaves: a row names its case, typology, verdict, instant and features.")
    VerdictRowsService.Rows verdictRows(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                        Instant closedAfter, @RequestParam(defaultValue = "1000") int limit) {
        if (!Instants.queryable(closedAfter)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "closedAfter: an instant " + Instants.RANGE);
        }
        if (limit < 1 || limit > MAX_CASES) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: between 1 and " + MAX_CASES + " cases");
        }
        return rows.rows(closedAfter == null ? Instant.EPOCH : closedAfter, limit);
    }
}
