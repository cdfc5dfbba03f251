package io.ringfence.simulator;

import io.ringfence.label.Label;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A period longer than a day carries fraud on every day, so a long load test measures fraud throughout. */
class IncidentSpreadTest {
    private static final long DAY = 24 * Script.HOUR;

    @Test
    void everyDayOfALongerPeriodHasFraudIncidents() {
        SimulationConfig config = new SimulationConfig(5L, 400, SimulationConfig.DEFAULT_START, 72, 3);
        TrafficSimulator sim = new TrafficSimulator(config);
        Set<Long> days = sim.labels().stream().filter(l -> l.kind().equals(Label.FRAUD))
                .map(l -> (l.startMillis() - config.startMillis()) / DAY).collect(Collectors.toSet());
        assertThat(days).containsExactlyInAnyOrder(0L, 1L, 2L);
    }
}
