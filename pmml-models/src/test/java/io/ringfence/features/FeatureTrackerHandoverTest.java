package io.ringfence.features;

import io.ringfence.detection.RuleParameters;
import io.ringfence.enrich.Enricher;
import io.ringfence.enrich.SubscriberProfiles;
import io.ringfence.event.TelecomEvent;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A partition handed to another instance mid-day: the new owner restores the lines' state, replays the
 * last hours of history (as the service's warm-up does) and carries on; its features are the ones the
 * old owner would have computed.
 */
class FeatureTrackerHandoverTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aRestoredTrackerReplayingRecentHistoryComputesWhatTheOldOwnerWould() {
        List<TelecomEvent> day = enrichedDay();
        int cut = day.size() * 2 / 3;
        long cutTime = day.get(cut - 1).getTimestampMillis();

        FeatureTracker owner = new FeatureTracker();
        day.forEach(owner::observe);

        FeatureTracker before = new FeatureTracker();
        day.subList(0, cut).forEach(before::observe);
        byte[] handedOver = before.snapshot();

        FeatureTracker successor = new FeatureTracker();
        assertThat(successor.restore(handedOver)).isEqualTo(before.size());
        assertThat(successor.handsetCount()).isEqualTo(before.handsetCount());
        // The warm-up replays the last 4 hours before the cut: already in the state, not counted twice.
        day.subList(0, cut).stream().filter(e -> e.getTimestampMillis() >= cutTime - 4 * HOUR).forEach(successor::observe);
        day.subList(cut, day.size()).forEach(successor::observe);

        long end = day.get(day.size() - 1).getTimestampMillis();
        Set<String> subscribers = new LinkedHashSet<>();
        day.forEach(e -> subscribers.add(e.getSubscriber()));
        int compared = 0;
        for (String s : subscribers) {
            if (s == null) {
                continue;
            }
            double[] expected = owner.vector(s, end).toArray();
            double[] actual = successor.vector(s, end).toArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as(s + " " + FeatureSchema.NAMES.get(i)).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-3 + Math.abs(expected[i]) * 1e-4));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void withoutTheStateTheReplayedHoursAloneGiveOtherFeatures() {
        List<TelecomEvent> day = enrichedDay();
        int cut = day.size() * 2 / 3;
        long cutTime = day.get(cut - 1).getTimestampMillis();
        FeatureTracker owner = new FeatureTracker();
        day.subList(0, cut).forEach(owner::observe);
        FeatureTracker coldStart = new FeatureTracker();
        day.subList(0, cut).stream().filter(e -> e.getTimestampMillis() >= cutTime - 4 * HOUR).forEach(coldStart::observe);
        int differ = 0;
        for (TelecomEvent e : day.subList(cut - 2000, cut)) {
            if (e.getSubscriber() != null && owner.vector(e.getSubscriber(), cutTime).toArray()[FeatureSchema.indexOf("moCalls24h")]
                    != coldStart.vector(e.getSubscriber(), cutTime).toArray()[FeatureSchema.indexOf("moCalls24h")]) {
                differ++;
            }
        }
        assertThat(differ).as("the handover is what keeps 24-hour features whole").isPositive();
    }

    @Test
    void bytesThatAreNotALineStateAreRefused() {
        FeatureTracker t = new FeatureTracker();
        assertThatThrownBy(() -> t.restore(new byte[]{9, 1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.restore(new byte[]{1, 0, 0, 0, 5})).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.size()).as("nothing half-restored").isZero();
    }

    private static List<TelecomEvent> enrichedDay() {
        RuleParameters p = RuleParameters.defaults();
        Enricher enricher = new Enricher(new ReferenceDataRepository(ReferenceDataLoader.defaults()),
                new SubscriberProfiles(p.millis("profile.retention")), p.millis("cli.ownerHomeWindow"),
                p.millis("cloning.alternationWindow"), p.millis("simswap.window"));
        List<TelecomEvent> out = new ArrayList<>();
        for (TelecomEvent e : new TrafficSimulator(new SimulationConfig(31, 400, SimulationConfig.DEFAULT_START, 24, 1))) {
            enricher.enrich(e);
            out.add(e);
        }
        return out;
    }
}
