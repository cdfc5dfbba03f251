package io.ringfence.features;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.NumberInfo;
import io.ringfence.event.Roaming;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each feature computed on hand-made, hand-enriched events. Times are minutes from 08:00 UTC. */
class FeatureTrackerTest {
    static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;
    static final String LINE = "+447700900001";
    static final NumberInfo DOMESTIC = new NumberInfo(44, false, "MOBILE", 0, null, false);
    static final NumberInfo FOREIGN = new NumberInfo(33, true, "MOBILE", 0, null, false);
    static final NumberInfo HIGH_COST = new NumberInfo(882, true, "UNKNOWN", 0.9, "satellite", false);
    static final Device PHONE = new Device("234150000000001", "35000000000001", "CELL-1");

    private final FeatureTracker tracker = new FeatureTracker();
    private int ids;

    static long at(double minutes) {
        return T0 + Math.round(minutes * 60_000);
    }

    private TelecomEvent.Common common(long t, String line) {
        return new TelecomEvent.Common("e" + (++ids), t, line);
    }

    VoiceEvent call(long t, Direction dir, NumberInfo b, boolean answered, double seconds, Double charge) {
        return call(t, LINE, dir, b, PHONE, Roaming.HOME, answered, seconds, charge);
    }

    VoiceEvent call(long t, String line, Direction dir, NumberInfo b, Device dev, Roaming roaming, boolean answered,
                    double seconds, Double charge) {
        VoiceEvent e = new VoiceEvent(common(t, line), dir, line, "+33612345678", dev, roaming, null, charge, answered,
                3.0, answered ? seconds : 0);
        e.getEnrichment().setBInfo(b);
        return e;
    }

    SmsEvent sms(long t, Direction dir, String b, NumberInfo info) {
        SmsEvent e = new SmsEvent(common(t, LINE), dir, LINE, b, PHONE, Roaming.HOME, null, null, null);
        e.getEnrichment().setBInfo(info);
        return e;
    }

    private void observe(TelecomEvent... events) {
        for (TelecomEvent e : events) {
            tracker.observe(e);
        }
    }

    @Test
    void a_line_never_seen_gives_the_empty_vector() {
        FeatureVector v = tracker.vector("+440000", at(0));
        assertThat(v).isEqualTo(FeatureTracker.empty());
        assertThat(v.get("moCalls24h")).isZero();
        assertThat(v.get("moShare24h")).isEqualTo(0.5);
        assertThat(v.get("answeredShare24h")).isEqualTo(1.0);
        assertThat(v.get("hoursSinceSubscription")).isEqualTo(720.0);
        assertThat(v.get("hoursSinceSimSwap")).isEqualTo(720.0);
        assertThat(v.asMap()).containsOnlyKeys(FeatureSchema.NAMES);
    }

    @Test
    void call_and_sms_counts_decay_with_their_time_constant() {
        observe(call(at(0), Direction.MO, DOMESTIC, true, 60, null), call(at(0), Direction.MO, DOMESTIC, true, 60, null),
                call(at(0), Direction.MO, DOMESTIC, true, 60, null), sms(at(0), Direction.MO, "+447700900002", DOMESTIC));
        FeatureVector now = tracker.vector(LINE, at(0));
        assertThat(now.get("moCalls1h")).isEqualTo(3.0);
        assertThat(now.get("moCalls24h")).isEqualTo(3.0);
        assertThat(now.get("moSms1h")).isEqualTo(1.0);
        assertThat(now.get("moSms24h")).isEqualTo(1.0);
        FeatureVector later = tracker.vector(LINE, at(60));
        assertThat(later.get("moCalls1h")).isCloseTo(3 * Math.exp(-1), within(1e-5));
        assertThat(later.get("moCalls24h")).isCloseTo(3 * Math.exp(-1 / 24.0), within(1e-5));
        assertThat(later.get("moSms1h")).isCloseTo(Math.exp(-1), within(1e-6));
    }

    @Test
    void international_and_high_risk_shares_of_originating_traffic() {
        observe(call(at(0), Direction.MO, DOMESTIC, true, 60, null), call(at(0), Direction.MO, FOREIGN, true, 60, null),
                call(at(0), Direction.MO, HIGH_COST, true, 60, null), sms(at(0), Direction.MO, "+88200001", HIGH_COST),
                call(at(0), Direction.MT, HIGH_COST, true, 60, null));
        FeatureVector v = tracker.vector(LINE, at(0));
        assertThat(v.get("intlShare24h")).isCloseTo(0.75, within(1e-6));
        assertThat(v.get("highRiskShare24h")).isCloseTo(0.5, within(1e-6));
        assertThat(v.get("moShare24h")).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void answered_share_and_mean_duration_of_originating_calls() {
        observe(call(at(0), Direction.MO, DOMESTIC, true, 120, null), call(at(0), Direction.MO, DOMESTIC, true, 240, null),
                call(at(0), Direction.MO, DOMESTIC, false, 0, null), call(at(0), Direction.MO, DOMESTIC, false, 0, null),
                call(at(0), Direction.MT, DOMESTIC, true, 3600, null));
        FeatureVector v = tracker.vector(LINE, at(0));
        assertThat(v.get("answeredShare24h")).isCloseTo(0.5, within(1e-6));
        assertThat(v.get("meanCallMinutes24h")).isCloseTo(3.0, within(1e-5));
    }

    @Test
    void night_share_uses_the_local_hour() {
        long night = Instant.parse("2026-03-02T02:00:00Z").toEpochMilli();
        long day = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
        observe(call(night, Direction.MO, DOMESTIC, true, 60, null), call(day, Direction.MO, DOMESTIC, true, 60, null));
        double w = Math.exp(-8 / 24.0);
        assertThat(tracker.vector(LINE, day).get("nightShare24h")).isCloseTo(w / (w + 1), within(1e-6));

        // 02:00 UTC is 11:00 in Tokyo, and 10:00 UTC is 19:00: no night traffic there.
        FeatureTracker tokyo = new FeatureTracker(ZoneId.of("Asia/Tokyo"), Duration.ofHours(48), 2.0);
        tokyo.observe(call(night, Direction.MO, DOMESTIC, true, 60, null));
        tokyo.observe(call(day, Direction.MO, DOMESTIC, true, 60, null));
        assertThat(tokyo.vector(LINE, day).get("nightShare24h")).isZero();
    }

    @Test
    void distinct_b_numbers_cells_and_handsets() {
        for (int i = 0; i < 20; i++) {
            observe(sms(at(i), Direction.MO, "+4477009" + (10000 + i), DOMESTIC));
        }
        observe(new DataEvent(common(at(21), LINE), new Device("234150000000001", "35000000000002", "CELL-2"), Roaming.HOME, 1, 1),
                new DataEvent(common(at(22), LINE), new Device("234150000000001", "35000000000002", "CELL-3"), Roaming.HOME, 1, 1));
        FeatureVector v = tracker.vector(LINE, at(22));
        assertThat(v.get("distinctB24h")).isCloseTo(20, within(4.0));
        assertThat(v.get("cells24h")).isCloseTo(3, within(0.3));
        assertThat(v.get("imeis24h")).isCloseTo(2, within(0.2));
    }

    @Test
    void distinct_counts_forget_what_is_older_than_two_epochs() {
        observe(sms(at(0), Direction.MO, "+447700911111", DOMESTIC));
        assertThat(tracker.vector(LINE, at(0)).get("distinctB24h")).isCloseTo(1, within(0.1));
        assertThat(tracker.vector(LINE, at(0) + 12 * HOUR).get("distinctB24h")).isCloseTo(1, within(0.1));
        assertThat(tracker.vector(LINE, at(0) + 30 * HOUR).get("distinctB24h")).isZero();
    }

    @Test
    void sims_per_imei_counts_the_sims_seen_on_the_lines_latest_handset() {
        Device shared = new Device("234150000000001", "86000000000001", "CELL-1");
        Device other = new Device("234150000000002", "86000000000001", "CELL-1");
        observe(call(at(0), LINE, Direction.MO, DOMESTIC, shared, Roaming.HOME, true, 60, null),
                call(at(1), "+447700900002", Direction.MO, DOMESTIC, other, Roaming.HOME, true, 60, null));
        assertThat(tracker.vector(LINE, at(1)).get("simsPerImei")).isCloseTo(2, within(0.1));
        assertThat(tracker.vector("+447700900002", at(1)).get("simsPerImei")).isCloseTo(2, within(0.1));
        assertThat(tracker.handsetCount()).isEqualTo(1);
    }

    @Test
    void hours_since_subscription_and_since_sim_swap() {
        VoiceEvent first = call(at(0), Direction.MO, DOMESTIC, true, 60, null);
        first.getEnrichment().setSubscribedAtMillis(at(0) - 5 * HOUR);
        observe(first, new SimSwapEvent(common(at(30), LINE), "234150000000001", "234150000000009", "ONLINE", null));
        FeatureVector v = tracker.vector(LINE, at(90));
        assertThat(v.get("hoursSinceSubscription")).isCloseTo(6.5, within(1e-9));
        assertThat(v.get("hoursSinceSimSwap")).isCloseTo(1.0, within(1e-9));
        assertThat(tracker.vector(LINE, at(0) + 2000 * HOUR).get("hoursSinceSimSwap")).isEqualTo(720.0);
    }

    @Test
    void roaming_share_of_network_records() {
        observe(new DataEvent(common(at(0), LINE), PHONE, new Roaming(true, "208-01"), 1, 1),
                new DataEvent(common(at(0), LINE), PHONE, Roaming.HOME, 1, 1),
                call(at(0), LINE, Direction.MO, FOREIGN, PHONE, new Roaming(true, "208-01"), true, 60, null),
                sms(at(0), Direction.MT, LINE, DOMESTIC));
        assertThat(tracker.vector(LINE, at(0)).get("roamingShare24h")).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void charge_amount_counts_charged_records_and_estimates_uncharged_high_cost_calls() {
        observe(call(at(0), Direction.MO, FOREIGN, true, 600, 10.0),
                call(at(0), Direction.MO, HIGH_COST, true, 300, null),
                call(at(0), Direction.MO, DOMESTIC, true, 900, null),
                call(at(0), Direction.MT, HIGH_COST, true, 900, 50.0));
        assertThat(tracker.vector(LINE, at(0)).get("chargeAmount24h")).isCloseTo(10 + 5 * 2.0, within(1e-4));
        assertThat(tracker.vector(LINE, at(0) + 24 * HOUR).get("chargeAmount24h")).isCloseTo(20 * Math.exp(-1), within(1e-4));
    }

    @Test
    void call_volume_z_score_against_the_lines_own_hours() {
        for (int h = 0; h < 10; h++) {
            observe(call(at(h * 60 + 5), Direction.MO, DOMESTIC, true, 60, null));
        }
        for (int i = 0; i < 11; i++) {
            observe(call(at(600 + 10 + i), Direction.MO, DOMESTIC, true, 60, null));
        }
        // ten hours of one call (mean 1, variance 0), then eleven calls in one hour
        assertThat(tracker.vector(LINE, at(630)).get("callVolumeZ")).isCloseTo(10.0, within(1e-6));
        // an hour later with no call: two hours of history more (11 and 0)
        assertThat(tracker.vector(LINE, at(700)).get("callVolumeZ")).isLessThan(0);
    }

    @Test
    void forwarding_to_a_high_cost_number_is_flagged_until_cleared() {
        CallForwardEvent on = new CallForwardEvent(common(at(0), LINE), "+88212345678", "UNCONDITIONAL", true);
        on.getEnrichment().setBInfo(HIGH_COST);
        observe(on);
        assertThat(tracker.vector(LINE, at(1)).get("forwardHighCost")).isEqualTo(1.0);
        CallForwardEvent off = new CallForwardEvent(common(at(5), LINE), "+88212345678", "UNCONDITIONAL", false);
        off.getEnrichment().setBInfo(HIGH_COST);
        observe(off);
        assertThat(tracker.vector(LINE, at(6)).get("forwardHighCost")).isZero();
    }

    @Test
    void a_late_event_counts_with_the_weight_of_its_age() {
        observe(call(at(60), Direction.MO, DOMESTIC, true, 60, null), call(at(0), Direction.MO, DOMESTIC, true, 60, null));
        assertThat(tracker.vector(LINE, at(60)).get("moCalls1h")).isCloseTo(1 + Math.exp(-1), within(1e-5));
    }

    @Test
    void idle_lines_and_handsets_are_evicted_after_the_retention() {
        FeatureTracker t = new FeatureTracker(ZoneId.of("UTC"), Duration.ofHours(2), 2.0);
        t.observe(call(at(0), "+447700900010", Direction.MO, DOMESTIC, PHONE, Roaming.HOME, true, 60, null));
        t.observe(call(at(60), "+447700900011", Direction.MO, DOMESTIC, PHONE, Roaming.HOME, true, 60, null));
        assertThat(t.size()).isEqualTo(2);
        t.observe(call(at(150), "+447700900011", Direction.MO, DOMESTIC, Device.NONE, Roaming.HOME, true, 60, null));
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.vector("+447700900010", at(150))).isEqualTo(FeatureTracker.empty());
        t.observe(call(at(300), "+447700900012", Direction.MO, DOMESTIC, Device.NONE, Roaming.HOME, true, 60, null));
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.handsetCount()).isZero();
    }

    @Test
    void the_schema_names_are_unique_and_each_has_a_meaning() {
        assertThat(FeatureSchema.NAMES).doesNotHaveDuplicates().hasSize(FeatureSchema.size());
        assertThat(FeatureSchema.FEATURES).allSatisfy(f -> assertThat(f.meaning()).isNotBlank());
        assertThat(FeatureSchema.indexOf("chargeAmount24h")).isNotNegative();
        assertThat(FeatureSchema.indexOf("nope")).isEqualTo(-1);
    }
}
