package io.ringfence.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.ringfence.RingfenceApplication;
import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.screening.GrpcScreeningServer;
import io.ringfence.screening.grpc.ScreenRequest;
import io.ringfence.screening.grpc.ScreeningGrpc;
import io.ringfence.screening.grpc.TrafficType;
import io.ringfence.security.EndpointRoles.Access;
import io.ringfence.security.EndpointRoles.Endpoint;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of {@link EndpointRoles} called by every role, by a signed-in caller without roles,
 * without a token, with an expired token and with a token of another issuer, against the service in
 * OIDC mode and a real Keycloak (with real PostgreSQL, Kafka and Redis). And the other way round:
 * every API handler of the running service states its roles, and the table has a row for it with
 * the same roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final Set<String> FRAMEWORK_HANDLERS = Set.of("org.springdoc", "org.springframework.boot");

    private KeycloakServer keycloak;
    private EmbeddedServers servers;
    private ConfigurableApplicationContext service;
    private ManagedChannel channel;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> expired = new HashMap<>();
    private final Map<String, String> foreign = new HashMap<>();
    private String noRole;

    @BeforeAll
    void start() throws Exception {
        keycloak = KeycloakServer.get();
        servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts", "fraud.decisions");
        Map<String, Object> p = new HashMap<>(servers.properties());
        p.put("ringfence.embedded.enabled", "false");
        p.put("ringfence.demo.enabled", "false");
        p.put("server.port", "0");
        p.put("ringfence.grpc.port", "0");
        p.put("ringfence.security.mode", "oidc");
        p.put("ringfence.security.oidc.issuer-uri", keycloak.issuer(KeycloakServer.REALM));
        // Small, so that a token of the test client (one second of life) is soon refused.
        p.put("ringfence.security.oidc.clock-skew", "PT1S");
        p.put("ringfence.security.oidc.directory-client-id", "ringfence-api");
        p.put("ringfence.security.oidc.directory-client-secret", "ringfence-api-demo-secret");
        // Arguments, not default properties: application.properties sets the demo mode, and would win over those.
        service = new SpringApplicationBuilder(RingfenceApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        base = "http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port");
        channel = NettyChannelBuilder.forAddress("127.0.0.1", service.getBean(GrpcScreeningServer.class).port())
                .usePlaintext().build();

        long lastExpiry = 0;
        for (String role : EndpointRoles.ROLES) {
            String user = "only-" + role;
            tokens.put(role, keycloak.token(KeycloakServer.REALM, KeycloakServer.UI_CLIENT, user, KeycloakServer.TEST_PASSWORD));
            foreign.put(role, keycloak.token(KeycloakServer.OTHER_REALM, KeycloakServer.UI_CLIENT, user, KeycloakServer.TEST_PASSWORD));
            String shortLived = keycloak.token(KeycloakServer.REALM, KeycloakServer.SHORT_CLIENT, user, KeycloakServer.TEST_PASSWORD);
            expired.put(role, shortLived);
            lastExpiry = Math.max(lastExpiry, claims(shortLived).path("exp").asLong());
        }
        noRole = keycloak.token(KeycloakServer.REALM, KeycloakServer.UI_CLIENT, "no-role", KeycloakServer.TEST_PASSWORD);
        // The short-lived tokens are past their expiry plus the service's clock skew, by a second to spare.
        Instant refusedFrom = Instant.ofEpochSecond(lastExpiry).plusSeconds(2);
        while (Instant.now().isBefore(refusedFrom)) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void everyApiHandlerStatesItsRolesAndTheTableAgrees() {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        Set<String> unexpected = new TreeSet<>();
        service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((mapping, handler) -> {
                    Class<?> type = ClassUtils.getUserClass(handler.getBeanType());
                    if (type.getName().startsWith("io.ringfence.")) {
                        declared.put(type.getSimpleName() + "#" + handler.getMethod().getName(), roles(handler));
                    } else if (FRAMEWORK_HANDLERS.stream().noneMatch(type.getName()::startsWith)) {
                        unexpected.add(type.getName() + " " + mapping);
                    }
                });
        Map<String, Set<String>> table = EndpointRoles.ENDPOINTS.stream().filter(e -> e.handler() != null)
                .collect(Collectors.toMap(Endpoint::handler, Endpoint::roles));

        assertThat(unexpected).as("handlers outside Ringfence's own API, springdoc and the error page").isEmpty();
        assertThat(declared).as("API handlers").isNotEmpty();
        declared.forEach((handler, roles) -> assertThat(roles)
                .as(handler + " has @PreAuthorize(\"hasAnyRole(...)\")").isNotEmpty());
        assertThat(table).as("EndpointRoles rows: one per handler, with its @PreAuthorize roles")
                .containsExactlyInAnyOrderEntriesOf(declared);
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : EndpointRoles.ENDPOINTS) {
            String anAllowedRole = e.access() == Access.ROLES ? e.roles().iterator().next() : EndpointRoles.SUPERVISOR;
            expect(soft, e, "no token", null, e.access() == Access.PUBLIC ? Expect.THROUGH : Expect.UNAUTHENTICATED);
            expect(soft, e, "an expired token", expired.get(anAllowedRole), Expect.UNAUTHENTICATED);
            expect(soft, e, "a token of another issuer", foreign.get(anAllowedRole), Expect.UNAUTHENTICATED);
            expect(soft, e, "a token without roles", noRole, e.access() == Access.ROLES ? Expect.FORBIDDEN : Expect.THROUGH);
            for (String role : EndpointRoles.ROLES) {
                expect(soft, e, role, tokens.get(role), e.allows(role) ? Expect.THROUGH : Expect.FORBIDDEN);
            }
        }
        soft.assertAll();
    }

    @Test
    void aSwitchsServiceAccountScreensOverRestAndGrpc() throws Exception {
        String token = keycloak.serviceToken(KeycloakServer.REALM, "ringfence-switch", "ringfence-switch-demo-secret");

        HttpResponse<String> rest = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/screen?a=%2B447700900001&b=%2B447700900002&type=VOICE"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(JSON.readTree(rest.body()).path("verdict").asText()).isEqualTo("ALLOW");
        assertThat(grpc(token).getCode()).isEqualTo(Status.Code.OK);
    }

    @Test
    void theCallerIsNamedByTheirUserNameAndARefusedTokenIsAnInvalidToken() throws Exception {
        String unproven = "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900077\"},"
                + "\"subscriber\":\"+447700900077\",\"typology\":\"SIM_SWAP\",\"note\":\"call centre report\"}";
        HttpResponse<String> refused = openCase(EndpointRoles.ANALYST, unproven);
        assertThat(refused.statusCode()).as("an analyst cites evidence: " + refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("rule").asText()).isEqualTo("EVIDENCE_TO_OPEN");
        // The supervisor's word is enough, and it is the token's realm role that makes them one.
        HttpResponse<String> opened = openCase(EndpointRoles.SUPERVISOR, unproven);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(JSON.readTree(opened.body()).path("openedBy").asText()).isEqualTo("only-supervisor");

        HttpResponse<String> stale = call(EndpointRoles.ENDPOINTS.get(0), expired.get(EndpointRoles.ANALYST));
        assertThat(stale.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer").contains("error=\"invalid_token\""));
    }

    private HttpResponse<String> openCase(String role, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                .header("Authorization", "Bearer " + tokens.get(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private enum Expect { THROUGH, UNAUTHENTICATED, FORBIDDEN }

    private void expect(SoftAssertions soft, Endpoint e, String caller, String token, Expect expect) {
        String what = e + " with " + caller;
        if ("GRPC".equals(e.method())) {
            Status.Code code = grpc(token).getCode();
            soft.assertThat(code).as(what).isEqualTo(switch (expect) {
                case THROUGH -> Status.Code.OK;
                case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
                case FORBIDDEN -> Status.Code.PERMISSION_DENIED;
            });
            return;
        }
        HttpResponse<String> r = call(e, token);
        int status = r.statusCode();
        switch (expect) {
            case THROUGH -> {
                soft.assertThat(status).as(what + ": " + r.body()).isNotIn(401, 403);
                // Readiness may say 503 (not ready); anywhere else a 5xx would be a fault, not a refusal.
                if (!e.path().endsWith("/readiness")) {
                    soft.assertThat(status).as(what + ": " + r.body()).isLessThan(500);
                }
            }
            case UNAUTHENTICATED -> refusal(soft, what, r, 401);
            case FORBIDDEN -> refusal(soft, what, r, 403);
        }
    }

    private void refusal(SoftAssertions soft, String what, HttpResponse<String> r, int status) {
        soft.assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(status);
        soft.assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        if (r.statusCode() == status) {
            soft.assertThat(problemStatus(r.body())).as(what + " problem's status").isEqualTo(status);
        }
    }

    private HttpResponse<String> call(Endpoint e, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + e.path()))
                .method(e.method(), e.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(e.body(), StandardCharsets.UTF_8));
        if (e.contentType() != null) {
            b.header("Content-Type", e.contentType());
        }
        if (e.accept() != null) {
            b.header("Accept", e.accept());
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new AssertionError(e + ": " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private Status grpc(String token) {
        ScreeningGrpc.ScreeningBlockingStub stub = ScreeningGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        if (token != null) {
            Metadata m = new Metadata();
            m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
        }
        try {
            stub.screen(ScreenRequest.newBuilder().setA("+447700900001").setB("+447700900002").setType(TrafficType.VOICE).build());
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    /** The roles of {@code @PreAuthorize("hasAnyRole('a', 'b')")} on the handler or its class; empty without one. */
    private static Set<String> roles(HandlerMethod handler) {
        PreAuthorize p = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (p == null) {
            p = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        Set<String> roles = new TreeSet<>();
        if (p != null && p.value().matches("hasAnyRole\\(.*\\)|hasRole\\(.*\\)")) {
            Matcher m = QUOTED.matcher(p.value());
            while (m.find()) {
                roles.add(m.group(1));
            }
        }
        return roles;
    }

    private static int problemStatus(String body) {
        try {
            return JSON.readTree(body).path("status").asInt();
        } catch (IOException e) {
            return -1;
        }
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
