package io.ringfence.audit;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit chain per day ({@link ChainStatus}): for compliance officers and supervisors. */
@RestController
@RequestMapping(path = "/api/v1/audit/chain", produces = MediaType.APPLICATION_JSON_VALUE)
class ChainStatusController {
    private final ChainStatus chain;

    ChainStatusController(ChainStatus chain) {
        this.chain = chain;
    }

    @Operation(summary = "Every day of the audit chain, newest first: its length, and VERIFIED or BROKEN (with the first "
            + "broken row) for the days the running check watches, NOT_WATCHED for older ones (verify them on demand)")
    @GetMapping
    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor')")
    List<ChainStatus.Day> days() throws SQLException {
        return chain.days();
    }

    @Operation(summary = "Verify one day's chain now, from its first row: intact, or the first broken row and why")
    @PostMapping("/{day}/verify")
    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor')")
    ChainStatus.Verified verify(@PathVariable String day) throws SQLException {
        LocalDate d;
        try {
            d = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw QueryParameters.bad("day must be a date such as 2026-12-06");
        }
        return chain.verify(d);
    }
}
