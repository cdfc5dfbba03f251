package io.ringfence.cases;

import io.ringfence.workflows.CaseControls;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** A refusal of the case or task API, with the status and the words the caller sees. */
class CaseException extends RuntimeException {
    final HttpStatus status;
    final String title;
    final Map<String, Object> properties;
    /** The attempt a control refused, to be recorded once the request's transaction has rolled back; or null. */
    final Refusals.Attempt refused;

    CaseException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    CaseException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        this(status, title, detail, properties, null);
    }

    private CaseException(HttpStatus status, String title, String detail, Map<String, Object> properties,
                          Refusals.Attempt refused) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = properties;
        this.refused = refused;
    }

    /** A control's refusal: 403 or 409 with the rule's name, and the attempt for the audit trail. */
    static CaseException refused(Refusals.Attempt attempt) {
        CaseControls.Verdict v = attempt.verdict();
        boolean forbidden = v.refusal() == CaseControls.Refusal.FORBIDDEN;
        return new CaseException(forbidden ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
                forbidden ? "Forbidden" : "Conflict", v.reason(), Map.of("rule", v.rule().name()), attempt);
    }

    static CaseException notFound(String what) {
        return new CaseException(HttpStatus.NOT_FOUND, "Not found", what + " does not exist");
    }

    static CaseException conflict(String detail) {
        return new CaseException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    static CaseException forbidden(String detail) {
        return new CaseException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    static CaseException invalid(String field, String problem) {
        return new CaseException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + problem,
                Map.of("field", field));
    }
}
