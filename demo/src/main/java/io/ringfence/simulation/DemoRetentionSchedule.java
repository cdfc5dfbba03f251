package io.ringfence.simulation;

import io.ringfence.simulator.SimulationConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.Profiles;

import java.util.Map;

/**
 * The demo's traffic is a simulated day dated {@link SimulationConfig#DEFAULT_START}, months back, and retention counts
 * age on the wall clock: its nightly run would delete the demo's event history, alerts and cases while a newcomer (or a
 * console test) is reading them. Where the feeder runs, the schedule is therefore off, unless someone set
 * {@code ringfence.retention.cron} themselves (the command line, the environment, a config file of their own); the
 * service's own application.properties does not count as that.
 */
public final class DemoRetentionSchedule implements EnvironmentPostProcessor, Ordered {
    static final String CRON = "ringfence.retention.cron";
    static final String FEEDER = "ringfence.demo.enabled";
    /** Spring's value for a disabled {@code @Scheduled} cron. */
    static final String OFF = "-";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty(FEEDER, Boolean.class, true) || env.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        PropertySource<?> from = null;
        for (PropertySource<?> s : env.getPropertySources()) {
            // Spring Boot's view over all the other sources holds every property: not who set it.
            if (s.containsProperty(CRON) && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(s)) {
                from = s;
                break;
            }
        }
        if (from == null || shipped(from)) {
            env.getPropertySources().addFirst(new MapPropertySource("ringfence-demo-retention", Map.of(CRON, OFF)));
        }
    }

    /** The service's own defaults: application.properties on the class path, not a file beside the jar. */
    private static boolean shipped(PropertySource<?> source) {
        String name = source.getName();
        return name.contains("class path resource [application.properties]");
    }

    @Override
    public int getOrder() {
        // After the config files are read, so that whoever set the schedule is known.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
