package io.ringfence.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What no endpoint needs and a hostile client sends, refused once for every endpoint, before sign-in (Spring
 * Security's firewall would otherwise refuse some of it with a bare 400 of its own) and before any controller copies
 * a value anywhere:
 * <ul>
 * <li>a NUL character in the path or in a query parameter's name or value: PostgreSQL cannot store one in text
 *     and answers with an error, which became a 500;</li>
 * <li>a control character in a header value: Spring Security's firewall threw where a handler read the header,
 *     and a feature's catch-all advice made that a 500;</li>
 * <li>a query parameter given twice: every parameter of the API is single-valued, and binding two values to one
 *     name gives meaningless answers and messages;</li>
 * <li>a JSON body longer than {@code ringfence.web.max-json-body}: no JSON request of the API is near it (the rule
 *     set upload, the one large JSON, has its own bound), and a five-million-character field would otherwise be
 *     copied into tables, audit rows and Kafka;</li>
 * <li>a JSON body that is not UTF-8, or holds a NUL character or half of a surrogate pair ({@link JsonBodies}):
 *     PostgreSQL refused the NUL after the call had begun, and the driver turned the half pair into '?';</li>
 * <li>a {@code Content-Type} that is a pattern ({@code *}{@code /*}, {@code application/*}) or no media type at
 *     all: 415, where Spring's request wrapper threw on the pattern (a 500);</li>
 * <li>a call that changes something while its {@code Accept} admits no JSON: it would be carried out and then
 *     answered 406, so a client that retries would do it twice;</li>
 * <li>a call that changes something sent by a browser from another site ({@link CrossSiteWrites}).</li>
 * </ul>
 */
@Component
// Inside the API-call audit (so a refused write is still recorded), outside Spring Security.
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 1)
class HostileRequests extends OncePerRequestFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Searches by POST that answer CSV: a read, whose Accept asks for no JSON. */
    private static final Set<String> CSV_SEARCHES = Set.of("/api/v1/audit/decisions/search.csv");
    /** Uploads read their bodies themselves, each with its own bound (docs/security.md). */
    private static final Set<String> OWN_BOUNDS = Set.of("/api/v1/changes/rules");
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private final long maxJsonBody;

    HostileRequests(@Value("${ringfence.web.max-json-body:64KB}") DataSize maxJsonBody) {
        this.maxJsonBody = maxJsonBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = nul(request);
        if (refusal == null) {
            refusal = controlInHeader(request);
        }
        if (refusal == null) {
            refusal = repeated(request);
        }
        if (refusal != null) {
            Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, refusal);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String crossSite = CrossSiteWrites.refusal(request);
            if (crossSite != null) {
                Problems.write(response, HttpServletResponse.SC_FORBIDDEN, crossSite);
                return;
            }
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !isSearch(request) && !acceptsJson(request)) {
            Problems.write(response, HttpServletResponse.SC_NOT_ACCEPTABLE, "this call answers application/json"
                    + " (application/problem+json when refused), which the Accept header does not allow; nothing was done");
            return;
        }
        String type = contentType(request);
        if (type != null) {
            Problems.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, type);
            return;
        }
        if (boundedJson(request)) {
            if (request.getContentLengthLong() > maxJsonBody) {
                tooLarge(response);
                return;
            }
            byte[] body;
            try {
                body = JsonBodies.read(request.getInputStream(), maxJsonBody);
            } catch (JsonBodies.TooLong e) {
                tooLarge(response); // sent without a length (chunked)
                return;
            }
            String bodyRefusal = JsonBodies.refusal(body);
            if (bodyRefusal != null) {
                Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, bodyRefusal + "; nothing was done");
                return;
            }
            request = JsonBodies.replay(request, body);
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        Problems.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "a JSON body is limited to "
                + maxJsonBody + " bytes; nothing was done");
    }

    /**
     * @return why the Content-Type is refused, or null. A body has one media type: a pattern such as {@code *}{@code /*}
     * or {@code application/*} made Spring's request wrapper throw (a 500) where it reads the body.
     */
    private static String contentType(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return null;
        }
        try {
            MediaType t = MediaType.parseMediaType(type);
            return t.isWildcardType() || t.isWildcardSubtype() ? "the Content-Type '" + Text.printable(type)
                    + "' is a pattern; a body has one media type, such as application/json" : null;
        } catch (InvalidMediaTypeException e) {
            return "the Content-Type '" + Text.printable(type) + "' is not a media type";
        }
    }

    private static String nul(HttpServletRequest request) {
        if (request.getRequestURI().toLowerCase(java.util.Locale.ROOT).contains("%00")
                || request.getServletPath().indexOf('\0') >= 0) {
            return "the path holds a NUL character";
        }
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (p.getKey().indexOf('\0') >= 0) {
                return "a parameter name holds a NUL character";
            }
            for (String v : p.getValue()) {
                if (v != null && v.indexOf('\0') >= 0) {
                    return "'" + Text.printable(p.getKey()) + "' holds a NUL character";
                }
            }
        }
        return null;
    }

    /**
     * A header value with a control character (tab aside). Spring Security's firewall refuses to read one, but only
     * when something reads that header, deep inside a handler: the exception then met a feature's catch-all advice
     * and became a 500.
     */
    private static String controlInHeader(HttpServletRequest request) {
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            for (String value : java.util.Collections.list(request.getHeaders(name))) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (Character.isISOControl(c) && c != '\t') {
                        return "the header '" + Text.printable(name) + "' holds a control character; nothing was done";
                    }
                }
            }
        }
        return null;
    }

    private static String repeated(HttpServletRequest request) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (p.getValue().length > 1) {
                return "'" + Text.printable(p.getKey()) + "' is given " + p.getValue().length
                        + " times; give each parameter once";
            }
        }
        return null;
    }

    /**
     * The POST search forms change nothing (they are POSTs only to keep numbers out of URLs), and one of them
     * answers CSV.
     */
    private static boolean isSearch(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && CSV_SEARCHES.contains(request.getRequestURI());
    }

    private static boolean acceptsJson(HttpServletRequest request) {
        List<String> accept = java.util.Collections.list(request.getHeaders("Accept"));
        if (accept.isEmpty()) {
            return true;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.isEmpty() || types.stream().anyMatch(t -> ANSWERS.stream().anyMatch(t::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean boundedJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || OWN_BOUNDS.contains(request.getServletPath())) {
            return false;
        }
        try {
            MediaType t = MediaType.parseMediaType(type);
            return "json".equals(t.getSubtype()) || t.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
