package io.ringfence.cases;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** A refusal of the case or task API, with the status and the words the caller sees. */
class CaseException extends RuntimeException {
    final HttpStatus status;
    final String title;
    final Map<String, Object> properties;

    CaseException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    CaseException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = properties;
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
