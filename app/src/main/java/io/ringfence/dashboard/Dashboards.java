package io.ringfence.dashboard;

import io.ringfence.audit.ActivityCounts;
import io.ringfence.cases.OpenCaseCounts;
import io.ringfence.governance.LiveAssets;
import io.ringfence.stream.StreamActivity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's dashboard over a window the user picks, on two clocks:
 * <ul>
 *   <li><b>traffic</b>: alerts, decisions by typology and action, and the exposure the blocks stopped, over
 *       the window of event time that ends with the newest decision (live traffic: now; a replayed or
 *       simulated day: that day), from the stores, for the whole cluster;</li>
 *   <li><b>this instance, now</b>: events accepted per minute and the end-to-end latency percentiles over
 *       the same length of wall-clock time;</li>
 * </ul>
 * and the open cases by queue and deadline as they stand, and the versions in force. Counts and sums
 * only, never a subscriber: every role that works at a desk may read it.
 */
@Component
class Dashboards {
    private final JdbcTemplate jdbc;
    private final StreamActivity stream;
    private final LiveAssets live;
    private final Clock clock;

    Dashboards(JdbcTemplate jdbc, StreamActivity stream, LiveAssets live) {
        this.jdbc = jdbc;
        this.stream = stream;
        this.live = live;
        this.clock = Clock.systemUTC();
    }

    record Step(Instant at, long alerts, long decisions) {
    }

    /** The traffic window: event time, from the stores. */
    record Traffic(Instant from, Instant to, List<Step> series, long alerts, Map<String, Long> alertsByTypology,
                   ActivityCounts.Decisions decisions, ActivityCounts.Prevented prevented) {
    }

    /** This instance over the last stretch of wall-clock time. */
    record Instance(Instant from, Instant to, List<StreamActivity.Point> series, long events, double eventsPerSecond,
                    long decisionsTimed, Long latencyP50Ms, Long latencyP95Ms, Long latencyP99Ms) {
    }

    record Dashboard(String window, long stepSeconds, Traffic traffic, Instance instance, List<OpenCaseCounts> openCases,
                     Map<String, String> versions) {
    }

    Dashboard dashboard(String window, Duration span, Duration step) {
        Instant now = clock.instant();
        Instant newest = ActivityCounts.newestDecision(jdbc);
        return new Dashboard(window, step.toSeconds(), traffic(newest == null ? now : newest, span, step),
                instance(now, span, step), OpenCaseCounts.byQueue(jdbc, now), versions());
    }

    /** Hits per rule over the last day of traffic time, ending with the newest alert. */
    record RuleHits(Instant from, Instant to, Map<String, Long> hits) {
    }

    RuleHits ruleHits() {
        Instant newest = ActivityCounts.newestAlert(jdbc);
        Instant to = endOfStep(newest == null ? clock.instant() : newest, Duration.ofMinutes(1));
        Instant from = to.minus(Duration.ofHours(24));
        return new RuleHits(from, to, ActivityCounts.alertsByRule(jdbc, from, to));
    }

    private Traffic traffic(Instant newest, Duration span, Duration step) {
        Instant to = endOfStep(newest, step);
        Instant from = to.minus(span);
        Map<Instant, long[]> stored = ActivityCounts.perStep(jdbc, from, to, step.toSeconds());
        List<Step> series = new ArrayList<>();
        for (Instant at = from; at.isBefore(to); at = at.plus(step)) {
            long[] d = stored.getOrDefault(at, new long[2]);
            series.add(new Step(at, d[1], d[0]));
        }
        Map<String, Long> alerts = ActivityCounts.alerts(jdbc, from, to);
        return new Traffic(from, to, series, alerts.values().stream().mapToLong(Long::longValue).sum(), alerts,
                ActivityCounts.decisions(jdbc, from, to), ActivityCounts.prevented(jdbc, from, to));
    }

    private Instance instance(Instant now, Duration span, Duration step) {
        Instant to = endOfStep(now, step);
        Instant from = to.minus(span);
        StreamActivity.Window s = stream.window(from, to, step);
        return new Instance(from, to, s.series(), s.events(), s.events() / (double) span.toSeconds(), s.decisionsTimed(),
                s.p50Ms(), s.p95Ms(), s.p99Ms());
    }

    private Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        live.inForce().forEach((kind, f) -> versions.put(kind.id(), f.version()));
        return versions;
    }

    /** The end of the step holding {@code t}: windows of whole steps line the stores' buckets up with the series. */
    static Instant endOfStep(Instant t, Duration step) {
        long s = step.toSeconds();
        return Instant.ofEpochSecond((Math.floorDiv(t.getEpochSecond(), s) + 1) * s);
    }
}
