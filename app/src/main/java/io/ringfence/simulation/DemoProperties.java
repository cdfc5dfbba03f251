package io.ringfence.simulation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ringfence.demo.*}: the demo day's size. A small base keeps the demo under a minute on a
 * laptop while every typology still gets its incidents.
 *
 * @param seed      null for a fresh seed per run (logged, so a run can be repeated)
 * @param incidents incidents per fraud and look-alike kind
 */
@ConfigurationProperties("ringfence.demo")
public record DemoProperties(Long seed, @DefaultValue("2000") int subscribers, @DefaultValue("3") int incidents) {
}
