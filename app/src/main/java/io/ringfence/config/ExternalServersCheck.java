package io.ringfence.config;

import io.ringfence.startup.StartupRefused;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;

/**
 * The service jar carries no embedded servers: started without Kafka, PostgreSQL and Redis configured,
 * it says which settings are missing and where the zero-setup demo is, before anything else fails
 * further in with a framework's message.
 */
public final class ExternalServersCheck implements EnvironmentPostProcessor, Ordered {
    static final List<String> REQUIRED = List.of("ringfence.kafka.bootstrap-servers", "spring.datasource.url",
            "spring.data.redis.host");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        check(env);
    }

    static void check(ConfigurableEnvironment env) {
        List<String> missing = REQUIRED.stream().filter(p -> env.getProperty(p, "").isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new StartupRefused("no " + String.join(", ", missing) + " configured: the service needs external"
                    + " Kafka, PostgreSQL and Redis (docs/streaming.md, application-prod.properties). The zero-setup demo,"
                    + " with embedded servers, is app/target/ringfence.jar (README)");
        }
    }

    @Override
    public int getOrder() {
        // After the embedded servers (when the demo's jar is on the class path) have set these properties.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
