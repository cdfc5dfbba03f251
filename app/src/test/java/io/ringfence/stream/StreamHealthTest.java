package io.ringfence.stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamHealthTest {

    private static Health health(String problem, Set<Integer> rebuilding) {
        return new StreamHealth(new StreamHealth.State() {
            @Override
            public String problem() {
                return problem;
            }

            @Override
            public Set<Integer> rebuilding() {
                return rebuilding;
            }
        }).health();
    }

    @Test
    void upWhileConsumingNormally() {
        assertThat(health(null, Set.of()).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void degradedWithThePartitionsWhileOneIsRebuiltAfterAFault() {
        Health h = health(null, Set.of(3));
        assertThat(h.getStatus()).isEqualTo(StreamHealth.DEGRADED);
        assertThat(h.getDetails()).containsEntry("rebuildingPartitions", Set.of(3));
    }

    @Test
    void downWithTheReasonWhenBatchesFailWhateverIsRebuilding() {
        Health h = health("database away", Set.of(3));
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("reason", "database away");
    }
}
