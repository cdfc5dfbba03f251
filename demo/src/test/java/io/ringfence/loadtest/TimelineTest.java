package io.ringfence.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {
    private static final long S = 1_000_000_000L;

    @Test
    void countsEachSecondAndKeepsItsOldestEvent() {
        Timeline t = new Timeline(100 * S);
        t.durable(100 * S + 200_000_000L, 10, 30_000_000L);
        t.durable(100 * S + 900_000_000L, 5, 450_000_000L);
        t.durable(102 * S, 7, 1_250_000_000L);

        assertThat(t.seconds()).isEqualTo(3);
        assertThat(new long[]{t.durableAt(0), t.durableAt(1), t.durableAt(2)}).containsExactly(15, 0, 7);
        assertThat((double[]) t.summary().get("oldestEventToDurableMs")).containsExactly(450.0, 0.0, 1250.0);
        assertThat((long[]) t.summary().get("eventsDurable")).containsExactly(15, 0, 7);
    }

    @Test
    void aRunLongerThanTheTimelineFoldsIntoItsLastSecond() {
        Timeline t = new Timeline(0);
        t.durable((Timeline.MAX_SECONDS + 50) * S, 3, S);
        t.durable((Timeline.MAX_SECONDS - 1) * S, 2, 2 * S);

        assertThat(t.seconds()).isEqualTo(Timeline.MAX_SECONDS);
        assertThat(t.durableAt(Timeline.MAX_SECONDS - 1)).isEqualTo(5);
    }
}
