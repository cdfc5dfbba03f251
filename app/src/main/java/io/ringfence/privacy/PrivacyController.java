package io.ringfence.privacy;

import io.ringfence.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;

/**
 * Subject access and erasure for the compliance officer. The number travels in the POST body, never
 * in the URL, which proxies and ingress logs keep.
 */
@RestController
@RequestMapping("/api/v1/privacy")
@Tag(name = "Privacy", description = "Subject-access export and erasure")
class PrivacyController {
    /** Longer than any MSISDN, IMSI, IMEI or IP address; shorter than anything a store should search for. */
    static final int MAX_SUBJECT = 64;
    private final SubjectAccess subjects;

    PrivacyController(SubjectAccess subjects) {
        this.subjects = subjects;
    }

    record SubjectRequest(String subscriber) {
    }

    @PostMapping(value = "/subject-access", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('compliance-officer')")
    @Operation(summary = "Everything held about a subscriber or number as one JSON document (audited)")
    Map<String, Object> export(@RequestBody SubjectRequest request) {
        return subjects.export(subject(request), CurrentUser.get().name());
    }

    @PostMapping(value = "/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('compliance-officer')")
    @Operation(summary = "Erases or pseudonymises a subscriber's personal data, except what an open case, a legal hold "
            + "or the audit trail must keep; the answer says what was kept and why (audited)")
    SubjectAccess.Erasure erase(@RequestBody SubjectRequest request) {
        return subjects.erase(subject(request), CurrentUser.get().name());
    }

    static String subject(SubjectRequest request) {
        String s = request == null ? null : request.subscriber();
        if (s == null || s.isBlank() || s.length() > MAX_SUBJECT || s.chars().anyMatch(Character::isISOControl)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "subscriber: the number (MSISDN, IMSI...) as stored, "
                    + "1 to " + MAX_SUBJECT + " characters without control characters");
        }
        return s.strip();
    }
}
