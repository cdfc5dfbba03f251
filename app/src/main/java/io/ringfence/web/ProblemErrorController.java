package io.ringfence.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page, as application/problem+json whatever the client accepts: what reaches it (an exception no
 * advice handled, a filter's {@code sendError}, the firewall's refusal) would otherwise be Boot's own JSON or an
 * HTML page. It says only the status: the container's message may quote the request or the server's insides.
 */
@Controller
public class ProblemErrorController implements ErrorController {
    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null && i >= 400
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
                ? "the request could not be handled (see the service log)"
                : "the request was refused: " + status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
