package io.ringfence.security;

import io.ringfence.startup.StartupRefused;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses a sign-in setup that must not run, before anything starts (embedded servers included): an
 * unknown {@code ringfence.security.mode}, demo mode in the {@code prod} profile (demo users share one
 * password written in the configuration), and OIDC mode without an issuer to trust.
 */
public final class SecurityModeGuard implements EnvironmentPostProcessor, Ordered {
    static final String MODE = "ringfence.security.mode";
    static final String DEMO = "demo";
    static final String OIDC = "oidc";
    static final String ISSUER = "ringfence.security.oidc.issuer-uri";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        check(env);
    }

    static void check(ConfigurableEnvironment env) {
        String mode = env.getProperty(MODE, DEMO).trim();
        if (!DEMO.equals(mode) && !OIDC.equals(mode)) {
            throw new StartupRefused(MODE + " must be " + DEMO + " or " + OIDC + ", got '" + mode + "'");
        }
        if (DEMO.equals(mode) && env.acceptsProfiles(Profiles.of("prod"))) {
            throw new StartupRefused("the prod profile refuses " + MODE + "=" + DEMO
                    + ": demo users sign in with a password shared in the configuration. Set " + MODE + "=" + OIDC
                    + " and " + ISSUER + " (see docs/security.md)");
        }
        if (OIDC.equals(mode) && env.getProperty(ISSUER, "").isBlank()) {
            throw new StartupRefused(MODE + "=" + OIDC + " needs " + ISSUER
                    + ", the realm's issuer as tokens carry it (for example https://sso.example/realms/ringfence)");
        }
    }

    @Override
    public int getOrder() {
        // After the config files are read (profiles and properties count), before the embedded servers start.
        return Ordered.LOWEST_PRECEDENCE - 2;
    }
}
