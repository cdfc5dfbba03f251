package io.ringfence.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks OIDC mode makes on a token whose signature is good: issuer, audience and expiry, each
 * alone at fault; and what a good token becomes (name and roles). The key is made here, so each
 * claim can be set at will; {@link RoleMatrixTest} checks the same against Keycloak's own tokens.
 */
class OidcTokenChecksTest {
    private static final String ISSUER = "http://127.0.0.1:8180/realms/ringfence";
    private static RSAKey key;
    private static OidcSignIn signIn;

    @BeforeAll
    static void keys() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test").generate();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        decoder.setJwtValidator(OidcSecurity.validator(
                new OidcProperties(ISSUER, "ringfence-api", Duration.ofSeconds(30), null, null)));
        signIn = new OidcSignIn(decoder, new KeycloakTokens());
    }

    private static String token(Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("ringfence-api", "account"))
                .subject("d457ad4f").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "handler1")
                .claim("realm_access", Map.of("roles", List.of("case-handler", "supervisor")));
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void aGoodTokenIsTheUserWithTheirRealmRoles() throws Exception {
        Authentication a = signIn.authenticate(token(c -> { }));

        assertThat(a.getName()).isEqualTo("handler1");
        assertThat(a.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_case-handler", "ROLE_supervisor");
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        String other = token(c -> c.issuer("http://127.0.0.1:8180/realms/other"));

        assertThatThrownBy(() -> signIn.authenticate(other)).hasMessageContaining("iss");
    }

    @Test
    void anotherAudienceIsRefused() throws Exception {
        String other = token(c -> c.audience("account"));

        assertThatThrownBy(() -> signIn.authenticate(other)).hasMessageContaining("aud");
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewIsPast() throws Exception {
        Instant now = Instant.now();
        String withinSkew = token(c -> c.issueTime(Date.from(now.minusSeconds(400))).expirationTime(Date.from(now.minusSeconds(10))));
        String past = token(c -> c.issueTime(Date.from(now.minusSeconds(400))).expirationTime(Date.from(now.minusSeconds(60))));
        String noExpiry = token(c -> c.expirationTime(null));

        assertThat(signIn.authenticate(withinSkew).getName()).isEqualTo("handler1");
        assertThatThrownBy(() -> signIn.authenticate(past)).hasMessageContaining("expired");
        assertThatThrownBy(() -> signIn.authenticate(noExpiry)).hasMessageContaining("exp");
    }

    @Test
    void aTokenWithoutRealmRolesHasNone() throws Exception {
        Authentication a = signIn.authenticate(token(c -> c.claim("realm_access", null)));

        assertThat(a.getAuthorities()).isEmpty();
    }

    @Test
    void aTokenWithoutAUserNameSignsNoOneIn() throws Exception {
        String nameless = token(c -> c.claim("preferred_username", null));

        // Four eyes compares names; a subject id standing in for one would make one person two.
        assertThatThrownBy(() -> signIn.authenticate(nameless)).hasMessageContaining("preferred_username");
    }

    @Test
    void onlyBearerTokensAreRead() {
        assertThatThrownBy(() -> signIn.authenticate("Basic aGFuZGxlcjE6cmluZ2ZlbmNlLWRlbW8="))
                .hasMessageContaining("Bearer");
        assertThatThrownBy(() -> signIn.authenticate(null)).hasMessageContaining("Bearer");
    }
}
