package io.ringfence.screening;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/POST /api/v1/screen}: may this call or SMS from A to B proceed now? */
@RestController
@RequestMapping(path = "/api/v1/screen", produces = MediaType.APPLICATION_JSON_VALUE)
class ScreeningController {
    private final Screening screening;

    ScreeningController(Screening screening) {
        this.screening = screening;
    }

    @Operation(summary = "May this call or SMS from A to B proceed now?",
            description = "Allow lists win; then blocks in force on A, B and the source; then the deny list, "
                    + "IRSF test numbers and high-risk ranges for B. See docs/screening.md.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScreenAnswer.class)))
    @ApiResponse(responseCode = "400", description = "a or b not E.164, type not VOICE or SMS, or a bad ip, trunk or senderId",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('switch-client')")
    @GetMapping
    ResponseEntity<Object> get(@RequestParam(required = false) String a, @RequestParam(required = false) String b,
                               @RequestParam(required = false) String type, @RequestParam(required = false) String ip,
                               @RequestParam(required = false) String trunk,
                               @RequestParam(required = false) String senderId) {
        return screen(new ScreenRequest(plus(a), plus(b), type, ip, trunk, senderId));
    }

    @Operation(summary = "May this call or SMS from A to B proceed now?",
            description = "Allow lists win; then blocks in force on A, B and the source; then the deny list, "
                    + "IRSF test numbers and high-risk ranges for B. See docs/screening.md.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScreenAnswer.class)))
    @ApiResponse(responseCode = "400", description = "a or b not E.164, type not VOICE or SMS, or a bad ip, trunk or senderId",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('switch-client')")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> post(@RequestBody ScreenRequest request) {
        return screen(request);
    }

    private ResponseEntity<Object> screen(ScreenRequest request) {
        String invalid = request.invalid();
        if (invalid != null) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid screening request", invalid);
        }
        return ResponseEntity.ok(screening.screen(request));
    }

    /**
     * A '+' left unescaped in a query string arrives as a space (form encoding); switches configured
     * with {@code a=+44...} would otherwise be refused, so a leading space before digits is read as '+'.
     */
    private static String plus(String number) {
        return number != null && number.length() > 1 && number.charAt(0) == ' ' && Character.isDigit(number.charAt(1))
                ? "+" + number.substring(1) : number;
    }
}
