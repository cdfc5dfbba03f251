package io.ringfence.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the console signs people in, asked before anyone has: one bundle serves both modes, so it learns
 * here whether to show its own form (demo) or send the browser to the identity provider (oidc), and which
 * issuer and public client to use. Nothing here is secret: the issuer and the client id are what any
 * browser sees in the redirect to the login page.
 */
@RestController
@Tag(name = "Sign-in", description = "The signed-in caller")
class ConsoleSignInController {
    static final String PATH = "/api/v1/sign-in";

    /**
     * @param mode     {@code demo} or {@code oidc}
     * @param issuer   the realm's issuer (oidc only): the console reads its discovery document
     * @param clientId the console's public client in the realm (oidc only)
     */
    record ConsoleSignIn(String mode, String issuer, String clientId) {
    }

    private final ConsoleSignIn answer;

    ConsoleSignInController(@Value("${" + SecurityModeGuard.MODE + ":" + SecurityModeGuard.DEMO + "}") String mode,
                            @Value("${" + SecurityModeGuard.ISSUER + ":}") String issuer,
                            @Value("${ringfence.security.oidc.console-client-id:ringfence-ui}") String clientId) {
        this.answer = SecurityModeGuard.OIDC.equals(mode.trim())
                ? new ConsoleSignIn(SecurityModeGuard.OIDC, issuer.trim(), clientId.trim())
                : new ConsoleSignIn(SecurityModeGuard.DEMO, null, null);
    }

    // Anyone: the console must know how to sign in before it can. The filter chain lets this path through too.
    @PreAuthorize("permitAll()")
    @GetMapping(PATH)
    @Operation(summary = "How the console signs in: demo form, or the identity provider's issuer and public client")
    ConsoleSignIn signIn() {
        return answer;
    }
}
