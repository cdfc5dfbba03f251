package io.ringfence.stream;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The stream in {@code /actuator/health} (and readiness): DOWN while batches fail (the database or the
 * broker is away) or if the consumer stopped, with the reason, so an orchestrator notices a service
 * that is up but not consuming. DEGRADED (still ready, HTTP 200) while a partition's pipeline is rebuilt
 * from history after an event that a stage threw on.
 */
@Component("stream")
class StreamHealth implements HealthIndicator {
    static final Status DEGRADED = new Status("DEGRADED", "a partition is being rebuilt after a fault");

    /** What the health check reads of the stream. */
    interface State {
        /** Null while consuming normally; otherwise what went wrong last. */
        String problem();

        /** Partitions being rebuilt after a fault. */
        java.util.Set<Integer> rebuilding();
    }

    private final State processor;

    StreamHealth(State processor) {
        this.processor = processor;
    }

    @Override
    public Health health() {
        String problem = processor.problem();
        if (problem != null) {
            return Health.down().withDetail("reason", problem).build();
        }
        java.util.Set<Integer> rebuilding = processor.rebuilding();
        return rebuilding.isEmpty() ? Health.up().build()
                : Health.status(DEGRADED).withDetail("rebuildingPartitions", rebuilding).build();
    }
}
