package io.ringfence.pipeline;

import io.ringfence.detection.AlertListener;
import io.ringfence.detection.DetectionSession;
import io.ringfence.detection.RuleSet;
import io.ringfence.enrich.Enricher;
import io.ringfence.enrich.SubscriberProfiles;
import io.ringfence.event.TelecomEvent;
import io.ringfence.reference.ReferenceDataRepository;

/**
 * Enrich, then detect: the part of the pipeline every driver shares (replay from a file, the streaming
 * service per partition, backtests). Redelivered events are recognised by id and change nothing.
 */
public final class DetectionPipeline implements AutoCloseable {
    private final Enricher enricher;
    private final DetectionSession session;
    private final RecentEventIds seen;
    private final SubscriberProfiles profiles;
    private long duplicates;

    public DetectionPipeline(RuleSet rules, ReferenceDataRepository reference, AlertListener listener) {
        this.profiles = new SubscriberProfiles(rules.parameters().millis("profile.retention"));
        this.enricher = new Enricher(reference, profiles, rules.parameters().millis("cli.ownerHomeWindow"),
                rules.parameters().millis("cloning.alternationWindow"), rules.parameters().millis("simswap.window"));
        this.session = new DetectionSession(rules, listener);
        this.seen = new RecentEventIds(RecentEventIds.DEFAULT_HORIZON_MILLIS);
    }

    /** @return false if the event was a duplicate and was ignored */
    public boolean process(TelecomEvent event) {
        if (!seen.firstTime(event.getEventId(), event.getTimestampMillis())) {
            duplicates++;
            return false;
        }
        enricher.enrich(event);
        session.insert(event);
        return true;
    }

    public long duplicates() {
        return duplicates;
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

    @Override
    public void close() {
        session.close();
    }
}
