package io.ringfence.ingest;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The stream in {@code /actuator/health} (and readiness): DOWN while batches fail (the database or the
 * broker is away) or if the consumer stopped, with the reason, so an orchestrator notices a service
 * that is up but not consuming.
 */
@Component("stream")
class StreamHealth implements HealthIndicator {
    private final StreamProcessor processor;

    StreamHealth(StreamProcessor processor) {
        this.processor = processor;
    }

    @Override
    public Health health() {
        String problem = processor.problem();
        return problem == null ? Health.up().build() : Health.down().withDetail("reason", problem).build();
    }
}
