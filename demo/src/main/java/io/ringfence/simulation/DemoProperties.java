package io.ringfence.simulation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ringfence.demo.*}: the simulated day fed to {@code telecom.events} when the service starts in
 * demo mode. A small base at a brisk rate shows every typology's alerts and decisions within a minute.
 *
 * @param seed      null for a fresh seed per run (logged, so a run can be repeated)
 * @param incidents incidents per fraud and look-alike kind
 * @param rate      events per second fed to Kafka
 */
@ConfigurationProperties("ringfence.demo")
public record DemoProperties(Long seed, @DefaultValue("2000") int subscribers, @DefaultValue("3") int incidents,
                             @DefaultValue("4000") int rate) {
}
