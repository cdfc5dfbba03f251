package io.ringfence.security;

import io.ringfence.audit.NoAlerts;
import io.ringfence.backtest.NoBacktests;
import io.ringfence.cases.NoCases;
import io.ringfence.governance.NoChanges;
import io.ringfence.security.EndpointRoles.Access;
import io.ringfence.security.EndpointRoles.Endpoint;
import io.ringfence.switchfeed.ParsingSwitchEvents;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, on the web slice: every HTTP endpoint of {@link EndpointRoles} called without a token,
 * with a token without roles and with each role, through the service's own filter chain and method
 * security. And the other way round: every handler the slice maps states its roles, and the table has a
 * row for it with the same roles, so a new handler fails here until it has one.
 *
 * <p>Tokens are made in the test ({@link SignedIn}); that the identity provider's real tokens are read the
 * same way is {@link KeycloakSignInTest}'s part.
 */
@ApiSlice
class RoleMatrixTest {
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    /** The error page's controller: the only handler of a slice that is not Ringfence's. */
    private static final Set<String> FRAMEWORK_HANDLERS = Set.of("org.springframework.boot");
    /** Ringfence's own error page (problem+json): it serves error dispatches only, which security lets through. */
    private static final String ERROR_PAGE = "io.ringfence.web.ProblemErrorController";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext slice;

    @BeforeEach
    void anEmptyService() {
        // An allowed caller must get an answer, not a fault of a mock returning null: empty lists, unknown ids.
        NoAlerts.stub(slice);
        NoChanges.stub(slice);
        NoCases.stub(slice);
        NoBacktests.stub(slice);
        ParsingSwitchEvents.stub(slice);
    }

    @Test
    void everyApiHandlerStatesItsRolesAndTheTableAgrees() {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        Set<String> unexpected = new TreeSet<>();
        slice.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((mapping, handler) -> {
                    Class<?> type = ClassUtils.getUserClass(handler.getBeanType());
                    if (type.getName().equals(ERROR_PAGE)) {
                        return;
                    }
                    if (type.getName().startsWith("io.ringfence.")) {
                        declared.put(name(handler), roles(handler));
                    } else if (FRAMEWORK_HANDLERS.stream().noneMatch(type.getName()::startsWith)) {
                        unexpected.add(type.getName() + " " + mapping);
                    }
                });
        Map<String, Set<String>> table = EndpointRoles.ENDPOINTS.stream().filter(e -> e.handler() != null)
                .collect(Collectors.toMap(Endpoint::handler, Endpoint::roles));

        assertThat(unexpected).as("handlers outside Ringfence's own API and the error page").isEmpty();
        assertThat(declared).as("API handlers").isNotEmpty();
        declared.forEach((handler, roles) -> assertThat(roles)
                .as(handler + " has @PreAuthorize(\"hasAnyRole(...)\") or @PreAuthorize(\"isAuthenticated()\") or @PreAuthorize(\"permitAll()\")").isNotEmpty());
        assertThat(table).as("EndpointRoles rows: one per handler, with its @PreAuthorize roles")
                .containsExactlyInAnyOrderEntriesOf(declared);
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : EndpointRoles.ENDPOINTS) {
            expect(soft, e, "no token", null, e.access() == Access.PUBLIC ? Expect.THROUGH : Expect.UNAUTHENTICATED);
            expect(soft, e, "a token without roles", SignedIn.as("no-role"),
                    e.access() == Access.ROLES ? Expect.FORBIDDEN : Expect.THROUGH);
            for (String role : EndpointRoles.ROLES) {
                expect(soft, e, role, SignedIn.as("only-" + role, role), e.allows(role) ? Expect.THROUGH : Expect.FORBIDDEN);
            }
        }
        soft.assertAll();
    }

    private enum Expect { THROUGH, UNAUTHENTICATED, FORBIDDEN }

    private void expect(SoftAssertions soft, Endpoint e, String caller, RequestPostProcessor token, Expect expect) {
        String what = e + " with " + caller;
        MvcResult result;
        try {
            result = mvc.perform(request(e, token)).andReturn();
        } catch (Exception ex) {
            soft.fail(what + " failed: " + ex, ex);
            return;
        }
        MockHttpServletResponse r = result.getResponse();
        String body = body(r);
        switch (expect) {
            case THROUGH -> {
                soft.assertThat(r.getStatus()).as(what + ": " + body).isNotIn(401, 403).isLessThan(500);
                // The request must reach the handler its row is for (a body that does not bind would be refused
                // before the role check, and prove nothing).
                if (e.handler() != null) {
                    soft.assertThat(result.getHandler() instanceof HandlerMethod h ? name(h) : null).as(what + " handled by")
                            .isEqualTo(e.handler());
                }
            }
            case UNAUTHENTICATED -> {
                refusal(soft, what, r, body, 401);
                soft.assertThat(r.getHeader(HttpHeaders.WWW_AUTHENTICATE)).as(what + " challenge").startsWith("Bearer");
            }
            case FORBIDDEN -> refusal(soft, what, r, body, 403);
        }
    }

    private static void refusal(SoftAssertions soft, String what, MockHttpServletResponse r, String body, int status) {
        soft.assertThat(r.getStatus()).as(what + ": " + body).isEqualTo(status);
        soft.assertThat(r.getContentType()).as(what).startsWith("application/problem+json");
        soft.assertThat(body).as(what + " problem").contains("\"status\":" + status);
    }

    private static MockHttpServletRequestBuilder request(Endpoint e, RequestPostProcessor token) {
        // A URI, not a template: the rows' paths are already encoded (%2B) and must not be encoded again.
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(HttpMethod.valueOf(e.method()), URI.create(e.path()));
        if (e.contentType() != null) {
            b.contentType(e.contentType());
        }
        if (e.body() != null) {
            b.content(e.body());
        }
        if (e.accept() != null) {
            b.accept(e.accept());
        }
        return token == null ? b : b.with(token);
    }

    private static String body(MockHttpServletResponse r) {
        try {
            return r.getContentAsString();
        } catch (java.io.UnsupportedEncodingException ex) {
            throw new AssertionError(ex);
        }
    }

    private static String name(HandlerMethod handler) {
        return ClassUtils.getUserClass(handler.getBeanType()).getSimpleName() + "#" + handler.getMethod().getName();
    }

    /**
     * The roles of {@code @PreAuthorize("hasAnyRole('a', 'b')")} on the handler or its class, or
     * {@link EndpointRoles#ANY_SIGNED_IN} for {@code isAuthenticated()}, {@link EndpointRoles#ANYONE} for
     * {@code permitAll()}; empty without one.
     */
    private static Set<String> roles(HandlerMethod handler) {
        PreAuthorize p = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (p == null) {
            p = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        Set<String> roles = new TreeSet<>();
        if (p != null && (p.value().equals(EndpointRoles.ANY_SIGNED_IN) || p.value().equals(EndpointRoles.ANYONE))) {
            return Set.of(p.value());
        }
        if (p != null && p.value().matches("hasAnyRole\\(.*\\)|hasRole\\(.*\\)")) {
            Matcher m = QUOTED.matcher(p.value());
            while (m.find()) {
                roles.add(m.group(1));
            }
        }
        return roles;
    }
}
