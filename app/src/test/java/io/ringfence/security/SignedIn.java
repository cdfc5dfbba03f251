package io.ringfence.security;

import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * A signed-in caller for web slices: a token with the claims Keycloak gives ({@code preferred_username},
 * {@code realm_access.roles}) whose authorities come from the service's own converter ({@link KeycloakTokens}),
 * so a slice sees a caller's roles as the running service does. The token is neither signed nor decoded:
 * {@link KeycloakSignInTest} covers that with the real identity provider.
 */
public final class SignedIn {
    private static final KeycloakTokens TOKENS = new KeycloakTokens();

    private SignedIn() {
    }

    public static JwtRequestPostProcessor as(String user, String... roles) {
        // jwt() names the caller by the subject; Keycloak's subject is an id, so the user name stands in for it
        // here, as KeycloakTokens names the caller by preferred_username.
        return jwt().jwt(t -> t.subject(user).claim("preferred_username", user)
                        .claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(t -> TOKENS.convert(t).getAuthorities());
    }
}
