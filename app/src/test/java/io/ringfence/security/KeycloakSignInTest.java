package io.ringfence.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.governance.AssetChange;
import io.ringfence.governance.AssetKind;
import io.ringfence.governance.ChangeService;
import io.ringfence.screening.ScreenAnswer;
import io.ringfence.screening.Screening;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.ringfence.security.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sign-in with the identity provider's own tokens: access tokens issued by a real Keycloak
 * ({@link KeycloakServer}, the shipped realm) and checked by the service's decoder ({@link OidcSecurity}:
 * signature against the realm's published keys, issuer, audience, expiry), on the API's web slice. The
 * role matrix is {@link RoleMatrixTest}'s, with tokens made in the test; this is the proof that a real
 * token gives the caller the same name and roles.
 */
@ApiSlice
class KeycloakSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry properties) {
        properties.add("ringfence.security.oidc.issuer-uri", () -> KeycloakServer.get().issuer(KeycloakServer.REALM));
        // Small, so that a token of the test client (one second of life) is soon refused.
        properties.add("ringfence.security.oidc.clock-skew", () -> "PT1S");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Screening screening;
    @Autowired
    ChangeService changes;
    @Autowired
    Credentials credentials;

    private static MockHttpServletRequestBuilder screen() {
        return get("/api/v1/screen").param("a", "+447700900001").param("b", "+447700900002").param("type", "VOICE");
    }

    private static String userToken(String realm, String user) {
        return KeycloakServer.get().token(realm, KeycloakServer.UI_CLIENT, user, KeycloakServer.TEST_PASSWORD);
    }

    @Test
    void aUsersTokenSignsThemInByUserNameWithTheirRealmRoles() throws Exception {
        String analyst = "Bearer " + userToken(KeycloakServer.REALM, "only-fraud-analyst");
        UUID id = UUID.randomUUID();
        when(changes.withdraw(any(), any())).thenReturn(new AssetChange(id, AssetKind.RULES, "rules", "DEPLOY", "1.1",
                null, new byte[] {'{', '}'}, "sha", AssetChange.Status.WITHDRAWN, "only-fraud-analyst", Instant.now(),
                "only-fraud-analyst", Instant.now(), null, null));

        mvc.perform(post("/api/v1/changes/{id}/withdraw", id).header(HttpHeaders.AUTHORIZATION, analyst))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"));
        // Keycloak's subject is an id; the caller is known by the user name.
        verify(changes).withdraw(id, "only-fraud-analyst");
        mvc.perform(screen().header(HttpHeaders.AUTHORIZATION, analyst)).andExpect(problem(403));
        mvc.perform(screen().header(HttpHeaders.AUTHORIZATION, "Bearer " + userToken(KeycloakServer.REALM, "no-role")))
                .andExpect(problem(403));
    }

    @Test
    void aSwitchsServiceAccountScreensOverRestAndItsCredentialsHoldForGrpc() throws Exception {
        String token = KeycloakServer.get().serviceToken(KeycloakServer.REALM, "ringfence-switch", "ringfence-switch-demo-secret");
        when(screening.screen(any())).thenReturn(new ScreenAnswer(ScreenAnswer.Verdict.ALLOW, "no block or list applies", null, null));

        mvc.perform(screen().header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verdict").value("ALLOW"));
        // The gRPC server reads its callers through the same Credentials bean (the interceptor: ScreeningApiTest).
        assertThat(credentials.authenticate("Bearer " + token).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).contains("ROLE_switch-client");
    }

    @Test
    void anExpiredTokenOrOneOfAnotherRealmIsAnInvalidToken() throws Exception {
        String expired = KeycloakServer.get().token(KeycloakServer.REALM, KeycloakServer.SHORT_CLIENT, "only-switch-client",
                KeycloakServer.TEST_PASSWORD);
        String foreign = userToken(KeycloakServer.OTHER_REALM, "only-switch-client");
        // Past its expiry plus the clock skew, by a second to spare.
        Instant refusedFrom = Instant.ofEpochSecond(claims(expired).path("exp").asLong()).plusSeconds(2);
        while (Instant.now().isBefore(refusedFrom)) {
            Thread.sleep(200);
        }

        for (String token : new String[] {expired, foreign}) {
            // The probes answer without a token, but a token that is sent must be good there too.
            for (MockHttpServletRequestBuilder call : List.of(screen(), get("/actuator/health"))) {
                mvc.perform(call.header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                        .andExpect(problem(401))
                        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
            }
        }
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
