package io.ringfence.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts every state-changing API call (any method but GET, HEAD, OPTIONS and TRACE, on a path under
 * {@code /api/}) into the audit trail with its outcome, whether it was allowed, refused (401, 403) or
 * failed.
 *
 * <p>It runs before Spring Security's filters so that it also sees the calls security turns away. By
 * the time the chain returns, security has cleared its thread-local context; the principal is read
 * from the request, where HTTP Basic and bearer-token authentication keep it
 * ({@link RequestAttributeSecurityContextRepository}). A call that signed in nobody is "anonymous".
 *
 * <p>The response is held until the row is written, so a caller who got an answer can find the call
 * in the trail; except for calls refused for want of a sign-in (401), which {@link RefusedCalls} records
 * shortly after, at a bounded rate. That assumes the controllers under {@code /api/} answer synchronously, as they all do:
 * an asynchronous one (DeferredResult) would need the held response copied on its async dispatch, as
 * Spring's ShallowEtagHeaderFilter does.
 */
class ApiCallAuditFilter extends OncePerRequestFilter {
    static final String ANONYMOUS = "anonymous";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /**
     * Switches call these on every call, far too many to chain: the screening query changes nothing, and a
     * switch's event report is recorded as the event itself (event history) once the stream has it.
     */
    static final Set<String> QUERIES = Set.of("POST /api/v1/screen", "POST /api/v1/switch-events");
    /** Headers are the client's to fill: a row must not grow with whatever it sends. */
    private static final int MAX_TEXT = 512;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,31}");

    private final ApiCallJournal journal;
    private final RefusedCalls refused;
    private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
    // Decoded and without ;parameters, as Spring MVC and Spring Security match it: an encoded path
    // (/%61pi/...) must not slip past the audit while reaching the controller.
    private final UrlPathHelper paths = new UrlPathHelper();

    ApiCallAuditFilter(ApiCallJournal journal, RefusedCalls refused) {
        this.journal = journal;
        this.refused = refused;
        paths.setUrlDecode(true);
        paths.setRemoveSemicolonContent(true);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !audited(request.getMethod(), path(request));
    }

    static boolean audited(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        return path.startsWith("/api/") && !SAFE_METHODS.contains(m) && !QUERIES.contains(m + " " + path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long startedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        boolean failed = true;
        try {
            chain.doFilter(request, held);
            failed = false;
        } finally {
            // An exception leaves the container to answer 500 after this filter.
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : held.getStatus();
            ApiCall call = call(request, status, startedAt, (System.nanoTime() - t0) / 1_000_000);
            if (status == HttpServletResponse.SC_UNAUTHORIZED) {
                // Anyone can send these, as fast as they like: off the request thread, at a bounded rate.
                refused.offer(call);
            } else {
                journal.record(call);
            }
            if (!failed) {
                held.copyBodyToResponse();
            }
        }
    }

    private ApiCall call(HttpServletRequest request, int status, long startedAt, long durationMs) {
        return new ApiCall(actor(request), request.getMethod(), cap(path(request)), cap(request.getQueryString()),
                status, request.getRemoteAddr(), cap(request.getHeader("X-Forwarded-For")),
                cap(request.getHeader("User-Agent")), scheme(request.getHeader("Authorization")), startedAt, durationMs);
    }

    private String path(HttpServletRequest request) {
        return paths.getPathWithinApplication(request);
    }

    private String actor(HttpServletRequest request) {
        SecurityContext context = contexts.loadDeferredContext(request).get();
        Authentication a = context == null ? null : context.getAuthentication();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken || a.getName() == null) {
            return ANONYMOUS;
        }
        return cap(a.getName());
    }

    private static String scheme(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String first = authorization.strip().split("\\s+", 2)[0];
        // Only something shaped like a scheme name: a client that sends a bare token must not have it recorded.
        return SCHEME.matcher(first).matches() && authorization.strip().length() > first.length() ? first : "(other)";
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }
}
