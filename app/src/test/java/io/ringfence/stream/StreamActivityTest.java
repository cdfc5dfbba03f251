package io.ringfence.stream;

import io.ringfence.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StreamActivityTest {
    private final MutableClock now = new MutableClock(Instant.parse("2026-12-06T10:00:30Z"));
    private final StreamActivity activity = new StreamActivity(now);

    @Test
    void eventsPerStepAndLatencyPercentilesOverTheWindow() {
        activity.accepted(100);
        for (int i = 1; i <= 100; i++) {
            activity.decisionLatency(i);
        }
        now.set(Instant.parse("2026-12-06T10:01:10Z"));
        activity.accepted(50);
        activity.decisionLatency(20_000);

        StreamActivity.Window w = activity.window(Instant.parse("2026-12-06T09:58:00Z"), Instant.parse("2026-12-06T10:02:00Z"),
                Duration.ofMinutes(1));

        assertThat(w.series()).extracting(StreamActivity.Point::events).containsExactly(0L, 0L, 100L, 50L);
        assertThat(w.series().get(2).at()).isEqualTo(Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(w.events()).isEqualTo(150);
        assertThat(w.decisionsTimed()).isEqualTo(101);
        // 101 latencies: the 51st is 51 ms (bucket <= 75), the 96th 96 ms (<= 100), the 100th 100 ms (<= 100).
        assertThat(w.p50Ms()).isEqualTo(75);
        assertThat(w.p95Ms()).isEqualTo(100);
        assertThat(w.p99Ms()).isEqualTo(100);

        StreamActivity.Window steps = activity.window(Instant.parse("2026-12-06T09:55:00Z"), Instant.parse("2026-12-06T10:05:00Z"),
                Duration.ofMinutes(5));
        assertThat(steps.series()).extracting(StreamActivity.Point::events).containsExactly(0L, 150L);
    }

    @Test
    void aLatencyPastTheLastBoundReadsAsOverAMinuteNotAsAtMostOne() {
        activity.decisionLatency(45_000);
        activity.decisionLatency(90_000);

        StreamActivity.Window w = activity.window(now.instant().minusSeconds(60), now.instant().plusSeconds(60), Duration.ofMinutes(1));

        assertThat(w.p50Ms()).isEqualTo(60_000);
        assertThat(w.p99Ms()).isEqualTo(StreamActivity.OVER_A_MINUTE).isGreaterThan(60_000);
    }

    @Test
    void aMinuteADayOldIsForgottenWhenItsSlotComesRound() {
        activity.accepted(7);
        now.set(now.instant().plus(Duration.ofDays(1)));
        activity.accepted(3);

        StreamActivity.Window w = activity.window(now.instant().minus(Duration.ofDays(2)), now.instant().plusSeconds(60),
                Duration.ofMinutes(15));

        assertThat(w.events()).isEqualTo(3);
        assertThat(w.p50Ms()).isNull();
    }
}
