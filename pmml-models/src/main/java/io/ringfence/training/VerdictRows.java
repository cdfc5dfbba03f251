package io.ringfence.training;

import io.ringfence.detection.RuleParameters;
import io.ringfence.enrich.Enricher;
import io.ringfence.enrich.SubscriberProfiles;
import io.ringfence.event.TelecomEvent;
import io.ringfence.features.FeatureTracker;
import io.ringfence.label.Label;
import io.ringfence.reference.ReferenceDataRepository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Training rows from what the fraud team decided: the stored history of the lines its handlers judged, through
 * the production enrich stage and {@link FeatureTracker}, one row per verdict at the moment the line was decided
 * on and at the end of every hour from the incident's first event to an hour after it. Confirmed fraud of a
 * typology whose line's own traffic is the fraud (and a confirmed {@code ANOMALY}: the model saw the line's own
 * traffic) is a positive; a false positive is a negative, whatever rule raised it. Confirmed fraud against a line
 * from outside (a Wangiri or SS7 victim) teaches nothing about the line's traffic and is left out, counted.
 *
 * <p>Feed it the history in event-time order from {@link #lookback()} before the first verdict: the features read
 * up to a week back. It holds no event; the features of the lines seen within the tracker's retention, as live.
 */
public final class VerdictRows {
    /** What a confirmed case says about its line's own traffic. */
    static final Set<String> OWN_BEHAVIOUR = own();
    private static final long HOUR = 3_600_000L;

    /**
     * One labelled row.
     *
     * @param incidentId the case the verdict comes from (as the case-label export names it)
     * @param typology   the case's typology
     * @param fraud      confirmed fraud (1), or a false positive (0)
     * @param atMillis   when the line's features were taken
     * @param features   in {@link io.ringfence.features.FeatureSchema} order
     */
    public record Row(String incidentId, String typology, boolean fraud, long atMillis, double[] features) {
    }

    private record Due(long atMillis, Label verdict) {
    }

    private final Enricher enricher;
    private final FeatureTracker tracker = new FeatureTracker();
    private final Set<String> lines = new HashSet<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private long events;
    private long refusedByEnrichment;

    /**
     * @param verdicts  the handlers' verdicts as the case-label export writes them (FRAUD for confirmed fraud,
     *                  LOOKALIKE for a false positive)
     * @param reference the reference data the lines' traffic is enriched with (the live tables)
     * @param p         the rule parameters the enrich stage reads (the live ones)
     */
    public VerdictRows(List<Label> verdicts, ReferenceDataRepository reference, RuleParameters p) {
        this.enricher = new Enricher(reference, new SubscriberProfiles(p.millis("profile.retention")),
                p.millis("cli.ownerHomeWindow"), p.millis("cloning.alternationWindow"), p.millis("simswap.window"));
        for (Label v : verdicts) {
            if (v.subscriber() == null || v.subscriber().isBlank()) {
                skipped.merge("no line (the case's subject is not a subscriber)", 1, Integer::sum);
            } else if (v.isFraud() && !OWN_BEHAVIOUR.contains(v.typology())) {
                skipped.merge("fraud against the line from outside (" + v.typology() + ")", 1, Integer::sum);
            } else {
                lines.add(v.subscriber());
                for (long at : times(v)) {
                    due.add(new Due(at, v));
                }
            }
        }
    }

    /** How far before the first verdict's start the history must begin: the longest feature baseline. */
    public static Duration lookback() {
        return Duration.ofDays(7);
    }

    /** How many rows the verdicts will give. */
    public int rowsDue() {
        return due.size();
    }

    /** The earliest instant any row is taken at, or null when no verdict gives a row. */
    public Long firstRowMillis() {
        return due.isEmpty() ? null : due.peek().atMillis;
    }

    /** The latest instant any row is taken at, or null when no verdict gives a row. */
    public Long lastRowMillis() {
        return due.stream().mapToLong(Due::atMillis).boxed().max(Long::compare).orElse(null);
    }

    /** The next stored event, in event-time order. An event the enrichment throws on is counted and passed over. */
    public void observe(TelecomEvent event) {
        takeRowsBefore(event.getTimestampMillis());
        events++;
        try {
            enricher.enrich(event);
            // Every line, as the stream's tracker sees them: a handset's SIM count and the idle lines' eviction
            // read other lines' events too. Its retention bounds what it holds, as it does live.
            tracker.observe(event);
        } catch (RuntimeException e) {
            refusedByEnrichment++;
        }
    }

    /** The rows, once the history is read. */
    public List<Row> finish() {
        takeRowsBefore(Long.MAX_VALUE);
        return Collections.unmodifiableList(rows);
    }

    /** Verdicts that gave no row, by reason. */
    public Map<String, Integer> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    public long events() {
        return events;
    }

    public long refusedByEnrichment() {
        return refusedByEnrichment;
    }

    private void takeRowsBefore(long millis) {
        while (!due.isEmpty() && due.peek().atMillis < millis) {
            Due d = due.poll();
            Label v = d.verdict;
            rows.add(new Row(v.incidentId(), v.typology(), v.isFraud(), d.atMillis,
                    tracker.vector(v.subscriber(), d.atMillis).toArray()));
        }
    }

    /** When the line was decided on, and the end of every hour from its first event to an hour after. */
    private static Set<Long> times(Label v) {
        Set<Long> at = new TreeSet<>();
        at.add(v.endMillis());
        for (long h = Math.floorDiv(v.startMillis(), HOUR) * HOUR + HOUR; h <= v.endMillis() + HOUR; h += HOUR) {
            at.add(h);
        }
        return at;
    }

    private static Set<String> own() {
        Set<String> s = new HashSet<>(FraudLabels.OWN_BEHAVIOUR);
        s.add("ANOMALY");
        return Set.copyOf(s);
    }
}
