package io.ringfence.switchfeed;

import io.ringfence.ingest.ParseResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code POST /api/v1/switch-events}: a switch that cannot produce to Kafka itself (Kamailio, most SBCs)
 * reports its calls here, one contract event per request, over the same HTTP connection it screens on.
 */
@RestController
@RequestMapping(path = "/api/v1/switch-events", produces = MediaType.APPLICATION_JSON_VALUE)
class SwitchEventController {
    private final SwitchEventIngest ingest;

    SwitchEventController(SwitchEventIngest ingest) {
        this.ingest = ingest;
    }

    @Operation(summary = "Report one telecom event (the contract's JSON) from a switch",
            description = "Validated as on Kafka, then produced to telecom.events; a rejected event goes to the "
                    + "dead-letter topic with its reason, as on Kafka. See docs/integration.md.")
    @ApiResponse(responseCode = "202", description = "on telecom.events, acknowledged by the broker")
    @ApiResponse(responseCode = "400", description = "not a valid contract event; it is on the dead-letter topic",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "the broker did not acknowledge in time; the switch may send it again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('switch-client')")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> report(@RequestBody byte[] body) {
        ParseResult result;
        try {
            result = ingest.accept(body);
        } catch (SwitchEventIngest.BrokerUnavailable e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Event not taken", e.getMessage(), Map.of());
        }
        if (result instanceof ParseResult.Accepted accepted) {
            return ResponseEntity.accepted().body(Map.of("eventId", accepted.event().getEventId()));
        }
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        return problem(HttpStatus.BAD_REQUEST, "Invalid telecom event",
                rejected.describe() + " (sent to the dead-letter topic)",
                rejected.field() == null ? Map.of() : Map.of("field", rejected.field()));
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        properties.forEach(p::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
