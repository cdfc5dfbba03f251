package io.ringfence.cases;

import org.kie.kogito.usertask.UserTaskInstanceNotAuthorizedException;
import org.kie.kogito.usertask.UserTaskInstanceNotFoundException;
import org.kie.kogito.usertask.lifecycle.UserTaskTransitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kie.kogito.process.ProcessInstanceOptimisticLockingException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the case and task API as application/problem+json, Kogito's included. */
@RestControllerAdvice(assignableTypes = {CaseController.class, TaskController.class})
class CaseProblems {
    private static final Logger log = LoggerFactory.getLogger(CaseProblems.class);

    private final Refusals refusals;

    CaseProblems(Refusals refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(CaseException.class)
    ResponseEntity<ProblemDetail> refused(CaseException e) {
        if (e.refused != null) {
            // The request's transaction has rolled back by now: the record of the attempt is all that stays.
            refusals.record(e.refused);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
        p.setTitle(e.title);
        e.properties.forEach(p::setProperty);
        return problem(p);
    }

    @ExceptionHandler(UserTaskInstanceNotAuthorizedException.class)
    ResponseEntity<ProblemDetail> notAuthorized(UserTaskInstanceNotAuthorizedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "you may not act on this task");
    }

    @ExceptionHandler(UserTaskInstanceNotFoundException.class)
    ResponseEntity<ProblemDetail> gone(UserTaskInstanceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "the task is no longer open");
    }

    @ExceptionHandler(UserTaskTransitionException.class)
    ResponseEntity<ProblemDetail> transition(UserTaskTransitionException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "the task cannot make that move now: " + e.getMessage());
    }

    @ExceptionHandler({OptimisticLockingFailureException.class, ProcessInstanceOptimisticLockingException.class,
            PessimisticLockingFailureException.class})
    ResponseEntity<ProblemDetail> race(RuntimeException e) {
        log.info("concurrent change to a case: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT, "Conflict", "someone else changed this case at the same time; reload and retry");
    }

    @ExceptionHandler(java.time.DateTimeException.class)
    ResponseEntity<ProblemDetail> badTime(java.time.DateTimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "a time or duration out of range: " + e.getMessage());
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(org.springframework.security.access.AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "your roles do not allow this");
    }

    /** Anything else: logged with its trace for operators, a plain problem for the caller. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> failed(RuntimeException e, jakarta.servlet.http.HttpServletRequest request) {
        log.error("case API request failed", e);
        // A read that fails has moved nothing on: say so in its own words.
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "GET".equals(request.getMethod())
                ? "the cases or tasks could not be read (see the service log)"
                : "the case could not be moved on; nothing was changed (see the service log)");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
