package io.ringfence.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Demo users over HTTP Basic, on the HTTP API and on gRPC's {@code authorization} metadata alike. */
final class DemoSignIn implements SignIn, Credentials {
    private static final String BASIC = "Basic ";

    private final AuthenticationManager users;

    DemoSignIn(AuthenticationManager users) {
        this.users = users;
    }

    @Override
    public void configure(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.authenticationManager(users).httpBasic(b -> b.authenticationEntryPoint(problems));
    }

    @Override
    public String challenge(AuthenticationException refused) {
        return "Basic realm=\"ringfence\"";
    }

    @Override
    public Authentication authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw new BadCredentialsException("HTTP Basic credentials of a demo user expected");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("Basic credentials are not Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new BadCredentialsException("Basic credentials are not name:password");
        }
        return users.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
