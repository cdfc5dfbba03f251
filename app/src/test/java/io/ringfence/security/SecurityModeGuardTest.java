package io.ringfence.security;

import io.ringfence.RingfenceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign-in setups that must not start are refused at start-up, before any server (embedded ones
 * included) is started: the service is launched as an operator would and has to fail with the reason.
 */
class SecurityModeGuardTest {

    /** Arguments, as an operator passes them: they win over the profile's properties files. */
    private static SpringApplicationBuilder service() {
        return new SpringApplicationBuilder(RingfenceApplication.class)
                .properties("ringfence.embedded.enabled=false", "ringfence.demo.enabled=false",
                        // prod also needs the log pseudonym key (its own guard, PseudonymKeySetupTest): given,
                        // so that what is left to refuse is the sign-in setup.
                        "ringfence.logging.pseudonym-key=guard-test-key-0123456789");
    }

    @Test
    void theProdProfileRefusesDemoSignIn() {
        assertThatThrownBy(() -> service().profiles("prod").run("--ringfence.security.mode=demo"))
                .hasMessageContaining("the prod profile refuses ringfence.security.mode=demo")
                .hasMessageContaining("ringfence.security.oidc.issuer-uri");
    }

    @Test
    void theProdProfileIsOidcByDefaultAndNeedsAnIssuer() {
        assertThatThrownBy(() -> service().profiles("prod").run())
                .hasMessageContaining("ringfence.security.mode=oidc needs ringfence.security.oidc.issuer-uri");
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> service().run("--ringfence.security.mode=open"))
                .hasMessageContaining("ringfence.security.mode must be demo or oidc, got 'open'");
    }
}
