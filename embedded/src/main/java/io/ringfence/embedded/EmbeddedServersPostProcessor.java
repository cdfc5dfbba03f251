package io.ringfence.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts {@link EmbeddedServers} before the application context is built when
 * {@code ringfence.embedded.enabled} is true (the default; the {@code prod} profile turns it off and
 * refuses it), and points the datasource, Redis and Kafka properties at them.
 */
public final class EmbeddedServersPostProcessor implements EnvironmentPostProcessor, Ordered {
    static final String ENABLED = "ringfence.embedded.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty(ENABLED, Boolean.class, true)) {
            return;
        }
        if (env.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"))) {
            throw new IllegalStateException("the prod profile needs external Kafka, PostgreSQL and Redis: set "
                    + ENABLED + "=false and configure them");
        }
        // One partition by default: the cross-subscriber typologies (Wangiri, SMS pumping, SS7 scans) need all
        // of their subject's events in one session until a stage keyed by subject exists (docs/streaming.md).
        // With more, one instance runs them on ringfence.stream.threads threads.
        int partitions = env.getProperty("ringfence.embedded.partitions", Integer.class, 1);
        String events = env.getProperty("ringfence.kafka.topics.events", "telecom.events");
        String dlq = env.getProperty("ringfence.kafka.topics.dead-letter", "telecom.events.dlq");
        String alerts = env.getProperty("ringfence.kafka.topics.alerts", "fraud.alerts");
        String decisions = env.getProperty("ringfence.kafka.topics.decisions", "fraud.decisions");
        String ingested = env.getProperty("ringfence.ingest.marker-topic", "telecom.events.ingested");
        String refunds = env.getProperty("ringfence.cases.refunds-topic", "billing.refunds");
        String acks = env.getProperty("ringfence.cases.refund-acks-topic", "billing.refunds.acks");
        String ackDlq = env.getProperty("ringfence.cases.refund-acks-dead-letter-topic", "billing.refunds.acks.dlq");
        EmbeddedServers servers = EmbeddedServers.start(partitions, events, dlq, alerts, decisions, ingested, refunds, acks,
                ackDlq);
        // The service reads this source's name as "the servers are the process's own" (demo sign-in and the
        // demo's feeder are allowed on them: io.ringfence.security.DemoOnlyOnItsOwnServers).
        env.getPropertySources().addFirst(new MapPropertySource("ringfence-embedded-servers", servers.properties()));
        // Closed with the context, or when start-up fails (otherwise PostgreSQL and Redis, child processes,
        // would outlive a failed start).
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
                servers.close();
            }
        });
    }

    @Override
    public int getOrder() {
        // After the config files are read, so that application properties and profiles count; before the
        // service checks that its servers are configured.
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
