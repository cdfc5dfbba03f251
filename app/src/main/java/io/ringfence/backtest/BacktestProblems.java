package io.ringfence.backtest;

import io.ringfence.governance.ChangeRejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the backtest API as application/problem+json, the change API's own included (an unknown change). */
@RestControllerAdvice(assignableTypes = BacktestController.class)
class BacktestProblems {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BacktestProblems.class);

    @ExceptionHandler(BacktestRejected.class)
    ResponseEntity<ProblemDetail> refused(BacktestRejected e) {
        ResponseEntity<ProblemDetail> r = problem(e.status, e.title, e.getMessage());
        e.properties.forEach(r.getBody()::setProperty);
        return r;
    }

    @ExceptionHandler(ChangeRejected.class)
    ResponseEntity<ProblemDetail> changeRefused(ChangeRejected e) {
        ResponseEntity<ProblemDetail> r = problem(e.status(), e.title(), e.getMessage());
        if (!e.errors().isEmpty()) {
            r.getBody().setProperty("errors", e.errors());
        }
        e.properties().forEach(r.getBody()::setProperty);
        return r;
    }

    /** Anything unforeseen: logged with its trace here, answered without it. */
    @ExceptionHandler({IllegalStateException.class, org.springframework.dao.DataAccessException.class})
    ResponseEntity<ProblemDetail> failed(RuntimeException e) {
        log.error("backtest API failed", e);
        return problem(500, "Internal error", "the backtest request could not be handled (see the service log)");
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
