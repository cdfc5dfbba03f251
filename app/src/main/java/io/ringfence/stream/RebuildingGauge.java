package io.ringfence.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Partitions being rebuilt from history after a faulty event, the same state health reports as
 * DEGRADED: Prometheus does not read health, and a rebuild that does not end is worth an alert.
 */
@Component
class RebuildingGauge {
    RebuildingGauge(StreamHealth.State stream, MeterRegistry registry) {
        Gauge.builder("ringfence.partitions.rebuilding", stream, s -> s.rebuilding().size())
                .description("partitions whose pipeline is being rebuilt after a fault").register(registry);
    }
}
