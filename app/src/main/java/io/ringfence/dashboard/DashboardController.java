package io.ringfence.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The console's dashboard ({@link Dashboards}): counts and sums only, for every role that works at a desk. */
@RestController
@Tag(name = "Dashboard", description = "The figures of the console's dashboard")
class DashboardController {
    /** The windows offered, and the step of their charts: 15 to 96 points each. */
    static final Map<String, Duration> STEPS = Map.of("PT15M", Duration.ofMinutes(1), "PT1H", Duration.ofMinutes(1),
            "PT6H", Duration.ofMinutes(5), "PT24H", Duration.ofMinutes(15));

    private final Dashboards dashboards;

    DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @Operation(summary = "Alerts, decisions and exposure prevented over a window of traffic time; events and latency of "
            + "this instance over the same length of wall-clock time; open cases by queue and deadline; versions in force. "
            + "window: PT15M, PT1H (default), PT6H or PT24H")
    @GetMapping("/api/v1/dashboard")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'case-handler', 'supervisor', 'compliance-officer', 'admin')")
    Dashboards.Dashboard dashboard(@RequestParam(required = false) String window) {
        String w = window == null || window.isBlank() ? "PT1H" : window.strip().toUpperCase(Locale.ROOT);
        Duration step = STEPS.get(w);
        if (step == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "window: one of PT15M, PT1H, PT6H, PT24H");
        }
        return dashboards.dashboard(w, Duration.parse(w), step);
    }

    @Operation(summary = "Alerts per rule over the last 24 hours of traffic time (ending with the newest alert), for the "
            + "Rules page")
    @GetMapping("/api/v1/dashboard/rule-hits")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    Dashboards.RuleHits ruleHits() {
        return dashboards.ruleHits();
    }
}
