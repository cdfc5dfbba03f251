package io.ringfence.logging;

import io.ringfence.startup.StartupRefused;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Gives the log pseudonymiser the key from {@code ringfence.logging.pseudonym-key} as soon as the
 * configuration is read, before the embedded servers start and before the application logs a number.
 * The {@code prod} profile refuses to start without one: several instances and restarts must write
 * the same pseudonym for the same line, and a compliance officer must be able to recompute it.
 */
public final class PseudonymKeySetup implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String key = env.getProperty(LogPseudonyms.KEY_PROPERTY);
        if (key != null && !key.isBlank()) {
            LogPseudonyms.useKey(key);
        } else if (env.acceptsProfiles(Profiles.of("prod"))) {
            throw new StartupRefused("the prod profile needs " + LogPseudonyms.KEY_PROPERTY
                    + " (or " + LogPseudonyms.KEY_ENV + "): the key of the subscriber-number pseudonyms in the logs");
        }
    }

    @Override
    public int getOrder() {
        // After the config files (so profiles and application properties count), before the embedded servers.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
