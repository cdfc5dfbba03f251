package io.ringfence.pipeline;

import io.ringfence.detection.AlertListener;
import io.ringfence.detection.DetectionSession;
import io.ringfence.detection.RuleSet;
import io.ringfence.enrich.Enricher;
import io.ringfence.enrich.SubscriberProfiles;
import io.ringfence.event.TelecomEvent;
import io.ringfence.reference.ReferenceDataRepository;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Enrich, then detect: the part of the pipeline every driver shares (replay from a file, the streaming
 * service per partition, backtests). Redelivered events are recognised by id and change nothing.
 */
public final class DetectionPipeline implements AutoCloseable {
    /** For drivers whose events are history: the events' own order is the only clock. */
    public static final LongSupplier NO_WALL_CLOCK = () -> Long.MIN_VALUE;

    private final Enricher enricher;
    private final DetectionSession session;
    private final RecentEventIds seen;
    private final SubscriberProfiles profiles;
    private final RuleSet rules;
    private final long maxClockJumpMillis;
    private final Consumer<TelecomEvent> enriched;
    private final LongSupplier wallClock;
    private long newestMillis = Long.MIN_VALUE;
    private long duplicates;
    private long refused;
    /** Set by a fault: the session's state is unknown from then on. */
    private EventFault broken;

    public DetectionPipeline(RuleSet rules, ReferenceDataRepository reference, AlertListener listener) {
        this(rules, reference, listener, event -> { });
    }

    /**
     * @param enriched sees every admitted event after enrichment and before the rules, so that what
     *                 it keeps (rolling features, for one) already counts the event that raises an alert
     */
    public DetectionPipeline(RuleSet rules, ReferenceDataRepository reference, AlertListener listener,
                             Consumer<TelecomEvent> enriched) {
        this(rules, reference, listener, enriched, NO_WALL_CLOCK);
    }

    /**
     * @param wallClock the time now in epoch millis, for a live stream (see {@link #admissionProblem}), or
     *                  {@link #NO_WALL_CLOCK} where the events' own order is all there is (replay, backtests)
     */
    public DetectionPipeline(RuleSet rules, ReferenceDataRepository reference, AlertListener listener,
                             Consumer<TelecomEvent> enriched, LongSupplier wallClock) {
        this.rules = rules;
        this.wallClock = wallClock;
        this.enriched = enriched;
        this.profiles = new SubscriberProfiles(rules.parameters().millis("profile.retention"));
        this.enricher = new Enricher(reference, profiles, rules.parameters().millis("cli.ownerHomeWindow"),
                rules.parameters().millis("cloning.alternationWindow"), rules.parameters().millis("simswap.window"));
        this.session = new DetectionSession(rules, listener);
        this.seen = new RecentEventIds(RecentEventIds.DEFAULT_HORIZON_MILLIS);
        this.maxClockJumpMillis = rules.parameters().millis("stream.maxClockJump");
    }

    /**
     * Why this event must not enter, or null. One record dated years ahead would move the event-time
     * clock there: every window would empty and every later event would be "late". Such a record is
     * refused (the driver sends it to the rejects file or the dead-letter topic) and the stream goes on.
     * <p>
     * A live stream also has the time now: an event that is not ahead of it is never a jump, however long
     * its partition was quiet. Without that, a partition that saw nothing for a day (a quiet shard, a
     * pilot paused over a weekend) would refuse every event from then on.
     */
    public String admissionProblem(TelecomEvent event) {
        if (newestMillis != Long.MIN_VALUE && event.getTimestampMillis() - newestMillis <= maxClockJumpMillis) {
            // Nearly every event: within the jump of its partition's newest, so the clock (asked twice per event) is not read.
            return null;
        }
        long now = wallClock.getAsLong();
        long reference = Math.max(newestMillis, now);
        if (reference != Long.MIN_VALUE && event.getTimestampMillis() - reference > maxClockJumpMillis) {
            StringBuilder why = new StringBuilder("timestamp ").append(event.getTimestamp()).append(" is more than ")
                    .append(rules.parameters().get("stream.maxClockJump")).append(" ahead of ");
            if (newestMillis != Long.MIN_VALUE) {
                why.append("the newest event so far (").append(java.time.Instant.ofEpochMilli(newestMillis)).append(')');
            }
            if (now != Long.MIN_VALUE) {
                why.append(newestMillis != Long.MIN_VALUE ? " and of " : "").append("the time now (")
                        .append(java.time.Instant.ofEpochMilli(now)).append(')');
            }
            return why.toString();
        }
        return null;
    }

    /**
     * @return false if the event was a duplicate, or refused (see {@link #admissionProblem}), and was ignored
     * @throws EventFault if a stage threw on the event; this pipeline must then be closed and rebuilt
     */
    public boolean process(TelecomEvent event) {
        if (broken != null) {
            throw new IllegalStateException("the pipeline failed on event " + broken.eventId() + " and must be rebuilt");
        }
        if (admissionProblem(event) != null) {
            refused++;
            return false;
        }
        if (!seen.firstTime(event.getEventId(), event.getTimestampMillis())) {
            duplicates++;
            return false;
        }
        newestMillis = Math.max(newestMillis, event.getTimestampMillis());
        EventFault.Stage stage = EventFault.Stage.ENRICH;
        try {
            enricher.enrich(event);
            stage = EventFault.Stage.FEATURES;
            enriched.accept(event);
            stage = EventFault.Stage.DETECT;
            session.insert(event);
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            broken = new EventFault(stage, event.getEventId(),
                    stage == EventFault.Stage.DETECT ? session.firingRule() : null, e);
            throw broken;
        }
    }

    public long duplicates() {
        return duplicates;
    }

    public long refused() {
        return refused;
    }

    public long factCount() {
        return session.factCount();
    }

    public int profileCount() {
        return profiles.size();
    }

    public int openAlerts() {
        return session.alerts().openCount();
    }

    /** The open incidents, for what raises alerts outside the rules (the anomaly watch). */
    public io.ringfence.detection.AlertRegistry alerts() {
        return session.alerts();
    }

    /** Closes the session; after a fault, whatever the broken session still throws is not the caller's concern. */
    @Override
    public void close() {
        if (broken == null) {
            session.close();
            return;
        }
        try {
            session.close();
        } catch (RuntimeException | StackOverflowError ignored) {
            // the state that threw once may throw again while open incidents are closed
        }
    }
}
