package io.ringfence.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The feed's schedule: a linear ramp from 0 to the rate, then the rate. */
class FeedRampTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void withoutARampEventsAreEvenlySpacedAtTheRate() {
        assertThat(Feed.dueAfter(0, 1_000, 0)).isZero();
        assertThat(Feed.dueAfter(1_000, 1_000, 0)).isEqualTo(SECOND);
        assertThat(Feed.dueAfter(2_500, 1_000, 0)).isEqualTo(5 * SECOND / 2);
    }

    @Test
    void aRampSendsHalfTheEventsOfItsLengthThenKeepsTheRate() {
        long ramp = 10 * SECOND;
        // Over a 10 s ramp to 1,000/s, rate·T/2 = 5,000 events, the first quarter of them in the first half.
        assertThat(Feed.dueAfter(1_250, 1_000, ramp)).isCloseTo(5 * SECOND, within(1_000L));
        assertThat(Feed.dueAfter(5_000, 1_000, ramp)).isCloseTo(10 * SECOND, within(1_000L));
        // Afterwards one event per millisecond, as without a ramp but 5 s later.
        assertThat(Feed.dueAfter(6_000, 1_000, ramp)).isCloseTo(11 * SECOND, within(1_000L));
        assertThat(Feed.dueAfter(6_001, 1_000, ramp) - Feed.dueAfter(6_000, 1_000, ramp))
                .isCloseTo(1_000_000L, within(1_000L));
        // Slower at the start than at the end of the ramp.
        assertThat(Feed.dueAfter(2, 1_000, ramp) - Feed.dueAfter(1, 1_000, ramp))
                .isGreaterThan(Feed.dueAfter(4_999, 1_000, ramp) - Feed.dueAfter(4_998, 1_000, ramp));
    }
}
