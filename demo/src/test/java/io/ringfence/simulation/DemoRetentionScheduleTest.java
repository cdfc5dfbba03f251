package io.ringfence.simulation;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRetentionScheduleTest {
    private static final String SHIPPED = "Config resource 'class path resource [application.properties]' via location 'optional:classpath:/'";

    private static StandardEnvironment environment(Map<String, Object> shipped, String... commandLine) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addLast(new MapPropertySource(SHIPPED, shipped));
        if (commandLine.length > 0) {
            env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(commandLine));
        }
        // As Spring Boot does: a view over all the sources, first in line, which holds every property.
        ConfigurationPropertySources.attach(env);
        new DemoRetentionSchedule().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void theFeedersOldDayIsNotDeletedByTheNightlyRun() {
        assertThat(environment(Map.of("ringfence.retention.cron", "0 17 3 * * *")).getProperty("ringfence.retention.cron"))
                .isEqualTo("-");
    }

    @Test
    void aScheduleSomeoneSetThemselvesStands() {
        assertThat(environment(Map.of("ringfence.retention.cron", "0 17 3 * * *"), "--ringfence.retention.cron=0 0 1 * * *")
                .getProperty("ringfence.retention.cron")).isEqualTo("0 0 1 * * *");
    }

    @Test
    void withoutTheFeederOrInProductionRetentionRunsAsConfigured() {
        assertThat(environment(Map.of("ringfence.retention.cron", "0 17 3 * * *"), "--ringfence.demo.enabled=false")
                .getProperty("ringfence.retention.cron")).isEqualTo("0 17 3 * * *");
        StandardEnvironment prod = new StandardEnvironment();
        prod.setActiveProfiles("prod");
        prod.getPropertySources().addLast(new MapPropertySource(SHIPPED, Map.of("ringfence.retention.cron", "0 17 3 * * *")));
        ConfigurationPropertySources.attach(prod);
        new DemoRetentionSchedule().postProcessEnvironment(prod, new SpringApplication());
        assertThat(prod.getProperty("ringfence.retention.cron")).isEqualTo("0 17 3 * * *");
    }
}
