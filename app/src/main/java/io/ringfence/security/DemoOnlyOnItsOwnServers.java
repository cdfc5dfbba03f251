package io.ringfence.security;

import io.ringfence.startup.StartupRefused;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

import java.util.Map;

/**
 * Demo users (one published password) and the demo's traffic feeder (simulated events written to the
 * configured broker) belong to the zero-setup run, whose servers live and die with the process. Against
 * anything else, which may be a real network's Kafka and database, they exist only when someone asked for
 * them by name with the {@code demo} profile: a deployment that forgot its profile must not open with a
 * published password or feed invented traffic to real switches. So, unless the embedded servers run or the
 * {@code demo} profile is active, demo sign-in refuses to start and the feeder is off (asking for it
 * explicitly refuses to start too).
 */
public final class DemoOnlyOnItsOwnServers implements EnvironmentPostProcessor, Ordered {
    /** The property source the embedded module adds when it has started its servers (EmbeddedServersPostProcessor). */
    static final String EMBEDDED_SERVERS = "ringfence-embedded-servers";
    static final String DEMO_PROFILE = "demo";
    static final String FEEDER = "ringfence.demo.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        check(env);
    }

    static void check(ConfigurableEnvironment env) {
        if (env.getPropertySources().contains(EMBEDDED_SERVERS) || env.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            return;
        }
        // The JDBC URL without its parameters: they may carry a password.
        String servers = "Kafka " + env.getProperty("ringfence.kafka.bootstrap-servers", "(unset)") + ", "
                + env.getProperty("spring.datasource.url", "(no database)").replaceFirst("[?;].*", "");
        if (SecurityModeGuard.DEMO.equals(env.getProperty(SecurityModeGuard.MODE, SecurityModeGuard.DEMO).trim())) {
            throw new StartupRefused("demo sign-in (a password published in the README) is refused on external servers ("
                    + servers + "): set " + SecurityModeGuard.MODE + "=" + SecurityModeGuard.OIDC + " and "
                    + SecurityModeGuard.ISSUER + ", or start with the " + DEMO_PROFILE
                    + " profile if these servers are a demo's (docs/security.md)");
        }
        if ("true".equalsIgnoreCase(env.getProperty(FEEDER, "").trim())) {
            throw new StartupRefused(FEEDER + "=true would write simulated traffic to external servers (" + servers
                    + "): only with the embedded servers or the " + DEMO_PROFILE + " profile (docs/security.md)");
        }
        // The feeder's own default is on (the zero-setup run); here it is off unless asked for, which was refused above.
        env.getPropertySources().addLast(new MapPropertySource("ringfence-demo-off", Map.of(FEEDER, "false")));
    }

    @Override
    public int getOrder() {
        // After the embedded servers have started (or not) and after ExternalServersCheck has named missing servers.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
