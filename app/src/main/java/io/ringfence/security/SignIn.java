package io.ringfence.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;

/** How the HTTP API reads credentials in one sign-in mode (demo users or OIDC tokens). */
interface SignIn {
    void configure(HttpSecurity http, ProblemResponses problems) throws Exception;

    /** The {@code WWW-Authenticate} value that tells a refused caller how to sign in. */
    String challenge(AuthenticationException refused);
}
