package io.ringfence.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where tokens come from and what they must say ({@code ringfence.security.oidc.*}, used when
 * {@code ringfence.security.mode=oidc}).
 *
 * @param issuerUri             the realm's issuer, exactly as tokens carry it in {@code iss} (Keycloak writes
 *                              the host the token was asked from: use the same host name everywhere)
 * @param audience              a value the token's {@code aud} must contain
 * @param clockSkew             tolerance on {@code exp} and {@code nbf} for clocks that drift apart
 * @param directoryClientId     a confidential client whose service account may view the realm's users;
 *                              delegating a task checks the colleague's roles through it
 * @param directoryClientSecret that client's secret
 */
@ConfigurationProperties("ringfence.security.oidc")
public record OidcProperties(String issuerUri, String audience, Duration clockSkew, String directoryClientId,
                             String directoryClientSecret) {
    public OidcProperties {
        if (audience == null || audience.isBlank()) {
            audience = "ringfence-api";
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("ringfence.security.oidc.clock-skew must not be negative, got " + clockSkew);
        }
    }
}
