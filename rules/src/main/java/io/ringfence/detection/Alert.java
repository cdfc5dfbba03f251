package io.ringfence.detection;

import io.ringfence.contract.AlertMessage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alert as the contract describes it. It stays open while its incident goes on: later matches of
 * the same typology and subject add evidence, raise the severity and move {@code lastMatchAt}, so an
 * analyst sees one alert per incident instead of one per event.
 */
public final class Alert {
    public static final int MAX_EVIDENCE_EVENTS = 50;

    private final String alertId;
    private final Typology typology;
    private final Subject subject;
    private final String subscriber;
    private final long detectedAt;
    private long firstEventAt;
    private long lastMatchAt;
    private long newestEventAt;
    private Severity severity;
    private final String ruleId;
    private final String ruleVersion;
    private final Set<String> eventIds = new LinkedHashSet<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Set<String> rulesFired = new LinkedHashSet<>();
    private int matches;

    /**
     * Opens an alert on its first match. The registry does this for live detection; drivers that
     * restore stored alerts, and tests of later stages, do it directly.
     */
    public Alert(String alertId, RuleMatch m) {
        this.alertId = alertId;
        this.typology = m.typology();
        this.subject = m.subject();
        this.subscriber = m.subscriber();
        this.detectedAt = m.detectedAt();
        this.firstEventAt = m.firstEventAt();
        this.lastMatchAt = m.detectedAt();
        this.severity = m.severity();
        this.ruleId = m.ruleId();
        this.ruleVersion = m.ruleVersion();
        merge(m);
    }

    void merge(RuleMatch m) {
        matches++;
        severity = severity.max(m.severity());
        firstEventAt = Math.min(firstEventAt, m.firstEventAt());
        // Only new evidence keeps an incident open: a window sliding past old events re-fires its rule
        // without anything having happened.
        if (m.newestEventAt() > newestEventAt) {
            lastMatchAt = Math.max(lastMatchAt, m.detectedAt());
            newestEventAt = m.newestEventAt();
        }
        rulesFired.add(m.ruleId() + "@" + m.ruleVersion());
        for (String id : m.eventIds()) {
            if (eventIds.size() >= MAX_EVIDENCE_EVENTS) {
                break;
            }
            eventIds.add(id);
        }
        figures.putAll(m.figures());
    }

    public String getAlertId() { return alertId; }
    public Typology getTypology() { return typology; }
    public Subject getSubject() { return subject; }
    public String getSubscriber() { return subscriber; }
    public long getDetectedAt() { return detectedAt; }
    public long getFirstEventAt() { return firstEventAt; }
    public long getLastMatchAt() { return lastMatchAt; }
    /** The newest event any match of this incident collected. */
    public long getNewestEventAt() { return newestEventAt; }
    public Severity getSeverity() { return severity; }
    public String getRuleId() { return ruleId; }
    public String getRuleVersion() { return ruleVersion; }
    public List<String> getEventIds() { return List.copyOf(eventIds); }
    public Map<String, Object> getFigures() { return Collections.unmodifiableMap(figures); }
    public Set<String> getRulesFired() { return Collections.unmodifiableSet(rulesFired); }
    public int getMatches() { return matches; }
    int evidenceCount() { return eventIds.size(); }

    /**
     * The alert as published now, with the score the decide stage gave it (scores are not detection's:
     * the alert itself never carries one).
     *
     * @param score null, with {@code model} and {@code modelVersion}, when no model scored
     */
    public AlertMessage message(Double score, String model, String modelVersion) {
        return new AlertMessage(alertId, typology.name(), subject.target(), subscriber, detectedAt, firstEventAt,
                lastMatchAt, severity.name(), score, model, modelVersion, ruleId, ruleVersion, List.copyOf(eventIds),
                figures, List.copyOf(rulesFired), matches);
    }

    @Override
    public String toString() {
        return typology + " " + subject + " " + severity + " (" + alertId + ")";
    }
}
