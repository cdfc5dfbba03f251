package io.ringfence.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestClient;

import java.time.Instant;
import java.util.Collection;

/**
 * Sign-in with the identity provider's access tokens ({@code ringfence.security.mode=oidc}): a
 * Spring Security resource server that checks each token's signature against the realm's published
 * keys, its issuer, its audience and its expiry, and takes the caller's roles from Keycloak's realm
 * roles ({@link KeycloakTokens}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SecurityModeGuard.MODE, havingValue = SecurityModeGuard.OIDC)
class OidcSecurity {

    /**
     * The realm's discovery document and keys are read on the first token, not at start-up, so the
     * service starts (and its probes answer) while the identity provider is still coming up.
     */
    @Bean
    JwtDecoder jwtDecoder(OidcProperties oidc) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()).build();
            decoder.setJwtValidator(validator(oidc));
            return decoder;
        });
    }

    /** Every check is required: the defaults would pass a token without {@code exp} or for another audience. */
    static OAuth2TokenValidator<Jwt> validator(OidcProperties oidc) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtTimestampValidator(oidc.clockSkew()),
                new JwtIssuerValidator(oidc.issuerUri()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(oidc.audience())));
    }

    @Bean
    OidcSignIn oidcSignIn(JwtDecoder decoder) {
        return new OidcSignIn(decoder, new KeycloakTokens());
    }

    @Bean
    People keycloakPeople(OidcProperties oidc, RestClient.Builder http) {
        return new KeycloakPeople(oidc, http.build());
    }
}
