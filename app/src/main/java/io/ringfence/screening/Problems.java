package io.ringfence.screening;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.Map;

/** Rejections at the API's edge as application/problem+json. */
final class Problems {
    private Problems() {
    }

    static ResponseEntity<Object> of(HttpStatus status, String title, String detail) {
        return of(status, title, detail, Map.of());
    }

    /** @param properties extra members of the problem object (e.g. the CSV line at fault) */
    static ResponseEntity<Object> of(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        properties.forEach(p::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
