package io.ringfence.security;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/** Bearer access tokens, on the HTTP API and on gRPC's {@code authorization} metadata alike. */
final class OidcSignIn implements SignIn, Credentials {
    private static final String BEARER = "Bearer ";

    private final JwtDecoder decoder;
    private final KeycloakTokens tokens;
    private final JwtAuthenticationProvider provider;

    OidcSignIn(JwtDecoder decoder, KeycloakTokens tokens) {
        this.decoder = decoder;
        this.tokens = tokens;
        this.provider = new JwtAuthenticationProvider(decoder);
        this.provider.setJwtAuthenticationConverter(tokens);
    }

    @Override
    public void configure(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems)
                .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(tokens)));
    }

    /** RFC 6750: a token that was sent and refused is an {@code invalid_token}. */
    @Override
    public String challenge(AuthenticationException refused) {
        return refused instanceof InvalidBearerTokenException
                ? "Bearer realm=\"ringfence\", error=\"invalid_token\"" : "Bearer realm=\"ringfence\"";
    }

    @Override
    public Authentication authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("a Bearer access token expected");
        }
        try {
            return provider.authenticate(new BearerTokenAuthenticationToken(authorization.substring(BEARER.length()).trim()));
        } catch (JwtDecoderInitializationException e) {
            throw new AuthenticationServiceException("the identity provider's keys cannot be read now", e);
        }
    }
}
