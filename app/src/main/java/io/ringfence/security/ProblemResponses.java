package io.ringfence.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/** 401 and 403 as application/problem+json, like every other rejection of the API. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String REQUESTED_WITH = "X-Requested-With";
    static final String FROM_SCRIPT = "XMLHttpRequest";
    private final ObjectMapper mapper;
    private final SignIn signIn;

    ProblemResponses(ObjectMapper mapper, SignIn signIn) {
        this.mapper = mapper;
        this.signIn = signIn;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!FROM_SCRIPT.equals(request.getHeader(REQUESTED_WITH))) {
            // A browser answers a Basic challenge with its own password dialog, on top of the console's sign-in
            // form; the console marks its calls, as Spring Security's own Basic entry point expects, and gets
            // the 401 without the challenge.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, signIn.challenge(e));
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "sign in to call this API: missing, expired or refused credentials");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "your roles do not allow this");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), p);
    }
}
