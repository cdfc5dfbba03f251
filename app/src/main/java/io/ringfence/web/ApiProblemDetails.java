package io.ringfence.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;

/**
 * Spring MVC's own refusals (unknown media type, a parameter of the wrong type, a missing one...) as
 * application/problem+json, in place of Spring Boot's handler (which stands back when one exists, and whose order
 * this keeps). Two corrections: a problem's {@code status} is the status answered (a path variable that converts to
 * nothing was a 400 whose body said 500), and a value is quoted as the client sent it, never as a Java array.
 */
@RestControllerAdvice
@Order(0)
class ApiProblemDetails extends ResponseEntityExceptionHandler {
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Object value = ex.getValue();
        String shown = value instanceof Object[] array ? String.join(",", Arrays.stream(array).map(String::valueOf).toList())
                : String.valueOf(value);
        Class<?> type = ex.getRequiredType();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "'" + Text.printable(name) + "' must be "
                + (type == null ? "of another type" : describe(type)) + ", got '" + Text.printable(shown) + "'");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-07-14T10:00:00Z";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration such as PT2H";
        }
        return "a " + type.getSimpleName();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail p) {
            p.setStatus(status.value());
            HttpHeaders h = new HttpHeaders();
            h.putAll(headers);
            h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(p, h, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /**
     * A multipart body the resolver cannot read (no boundary, cut short): the client's fault, where Spring left it
     * to the container's 500. One too large is answered 413 by the handler above.
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(org.springframework.web.multipart.MultipartException ex, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST,
                "the multipart body could not be read (a boundary missing, or the body cut short); nothing was done");
        return createResponseEntity(body, new HttpHeaders(), org.springframework.http.HttpStatus.BAD_REQUEST, request);
    }
}
