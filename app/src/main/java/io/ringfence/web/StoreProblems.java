package io.ringfence.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database failure under a controller with no advice of its own (the audit queries, the CSV export among
 * them): a 500 problem, whatever the handler had already chosen as its content type. Last in line, so a
 * feature's own advice still answers first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class StoreProblems {
    private static final Logger log = LoggerFactory.getLogger(StoreProblems.class);

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> failed(DataAccessException e) {
        log.error("API request failed in the store", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request could not be answered (see the service log)");
        p.setTitle("Internal error");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
