package io.ringfence;

import io.ringfence.cases.Api;
import io.ringfence.embedded.EmbeddedServers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole service on embedded Kafka (one partition), PostgreSQL and Redis that the test started, with the demo's
 * users to sign in as (the demo profile allows them only on servers the test started: DemoOnlyOnItsOwnServers), on
 * free ports, without the demo's traffic: what a test that drives the service over HTTP starts.
 */
public final class EmbeddedService implements AutoCloseable {
    private final EmbeddedServers servers;
    private final ConfigurableApplicationContext context;

    private EmbeddedService(EmbeddedServers servers, ConfigurableApplicationContext context) {
        this.servers = servers;
        this.context = context;
    }

    /** @param properties the test's own, over the defaults above */
    public static EmbeddedService start(Map<String, Object> properties) {
        EmbeddedServers servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts",
                "fraud.decisions");
        try {
            Map<String, Object> p = new HashMap<>(servers.properties());
            p.put("ringfence.embedded.enabled", "false");
            p.put("ringfence.demo.enabled", "false");
            p.put("server.port", "0");
            p.put("ringfence.grpc.port", "0");
            p.putAll(properties);
            return new EmbeddedService(servers,
                    new SpringApplicationBuilder(RingfenceApplication.class).properties(p).profiles("demo").run());
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    public EmbeddedServers servers() {
        return servers;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public Api api() {
        return new Api(port());
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            servers.close();
        }
    }
}
