package io.ringfence.governance;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the change and live APIs as application/problem+json, with the engine's messages in {@code errors}. */
@RestControllerAdvice(assignableTypes = {ChangeController.class, LiveController.class, HotListChangeController.class,
        ReferenceDataController.class})
class ChangeProblems {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChangeProblems.class);

    @ExceptionHandler(ChangeRejected.class)
    ResponseEntity<ProblemDetail> refused(ChangeRejected e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status), e.getMessage());
        p.setTitle(e.title);
        if (!e.errors.isEmpty()) {
            p.setProperty("errors", e.errors);
        }
        e.properties.forEach(p::setProperty);
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** Anything unforeseen: logged with its trace here, answered without it. */
    @ExceptionHandler({IllegalStateException.class, java.util.NoSuchElementException.class,
            org.springframework.dao.DataAccessException.class})
    ResponseEntity<ProblemDetail> failed(RuntimeException e) {
        log.error("change API failed", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the change could not be handled; nothing was changed (see the service log)");
        p.setTitle("Internal error");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
