package io.ringfence.shadow;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The shadow run's record: what runs in shadow and how its answers compare with the live decisions. */
@RestController
@RequestMapping(path = "/api/v1/shadow", produces = MediaType.APPLICATION_JSON_VALUE)
class ShadowController {
    private final ShadowReport report;

    ShadowController(ShadowReport report) {
        this.report = report;
    }

    @Operation(summary = "The models in shadow and, since the current pair answered, their answers against the live "
            + "decisions on the same alerts: per rule, agreement, blocks and cases of each side, and case verdicts "
            + "where the two disagreed")
    @GetMapping
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ShadowReport.Report shadow() {
        return report.report();
    }
}
