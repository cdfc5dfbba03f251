package io.ringfence.detection;

import io.ringfence.event.NumberInfo;
import io.ringfence.event.NumberLookupAnswer;
import io.ringfence.event.TelecomEvent;
import org.drools.core.rule.consequence.KnowledgeHelper;
import org.kie.api.definition.rule.Rule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.UUID;

/**
 * Where rule consequences report matches (the DRL global {@code alerts}). Turns matches into
 * incidents: one open alert per typology and subject until the incident has been quiet for the
 * configured period. Rule metadata ({@code @ruleId}, {@code @version}, {@code @typology},
 * {@code @severity}) is read from the firing rule, so a DRL rule carries its identity in one place.
 */
public final class AlertRegistry {
    private record Key(Typology typology, Subject subject) {}

    private static final int MAX_LOOKUPS_NAMED = 5;

    private final long quietPeriodMillis;
    private final AlertListener listener;
    private final Map<Key, Alert> open = new HashMap<>();
    /** Per subject, the newest evidence of its last closed incident: later matches on that alone are not news. */
    private final Map<Key, Long> closedUpTo = new HashMap<>();
    private long raisedCount;

    public AlertRegistry(long quietPeriodMillis, AlertListener listener) {
        this.quietPeriodMillis = quietPeriodMillis;
        this.listener = listener;
    }

    /**
     * A match at the rule's own severity.
     *
     * @param evidence the events that made the match (the first {@value Alert#MAX_EVIDENCE_EVENTS} are kept)
     * @param figures  name/value pairs: the numbers that crossed a threshold
     */
    public void raise(KnowledgeHelper drools, Subject subject, String subscriber, Collection<?> evidence,
                      Object... figures) {
        raise(drools, null, subject, subscriber, evidence, figures);
    }

    /** A match at a severity the consequence chose (null: the rule's own). */
    public void raise(KnowledgeHelper drools, Severity severity, Subject subject, String subscriber,
                      Collection<?> evidence, Object... figures) {
        Rule rule = drools.getRule();
        Map<String, Object> meta = rule.getMetaData();
        long now = drools.getKieRuntime().getSessionClock().getCurrentTime();
        Severity base = Severity.valueOf(required(rule, meta, "severity"));
        Typology typology = Typology.valueOf(required(rule, meta, "typology"));
        // A rule keeps firing while its window stays above threshold; once the open alert holds all the
        // evidence it can keep, the events need not be sorted again.
        Alert existing = open.get(new Key(typology, subject));
        boolean fresh = existing == null || now - existing.getLastMatchAt() > quietPeriodMillis
                || existing.evidenceCount() < Alert.MAX_EVIDENCE_EVENTS;
        RuleMatch m = new RuleMatch(required(rule, meta, "ruleId"), required(rule, meta, "version"),
                typology, severity == null ? base : severity, subject, subscriber,
                fresh ? firstEventAt(evidence, now) : existing.getFirstEventAt(), newestEventAt(evidence, now), now,
                fresh ? ids(evidence) : List.of(), fresh ? withLookups(figures(figures), evidence) : figures(figures));
        accept(m);
    }

    /** Whether an incident of this typology is open on the subject, e.g. to escalate on callbacks. */
    public boolean isOpen(String typology, String kind, String value) {
        return open.containsKey(new Key(Typology.valueOf(typology), new Subject(Subject.Kind.valueOf(kind), value)));
    }

    void accept(RuleMatch m) {
        Key key = new Key(m.typology(), m.subject());
        Alert alert = open.get(key);
        if (alert != null && m.detectedAt() - alert.getLastMatchAt() <= quietPeriodMillis) {
            alert.merge(m);
            listener.updated(alert);
            return;
        }
        if (alert != null) {
            open.remove(key);
            closedUpTo.put(key, alert.getNewestEventAt());
            listener.closed(alert);
        }
        Long upTo = closedUpTo.get(key);
        if (upTo != null && m.newestEventAt() <= upTo) {
            // A window sliding past old events re-fires its rule; nothing new happened.
            return;
        }
        Alert fresh = new Alert(alertId(m), m);
        open.put(key, fresh);
        raisedCount++;
        listener.raised(fresh);
    }

    /** Closes incidents quiet since before {@code nowMillis - quietPeriod}, oldest first. */
    public void closeQuiet(long nowMillis) {
        List<Alert> quiet = new ArrayList<>();
        for (Iterator<Alert> it = open.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            if (nowMillis - a.getLastMatchAt() > quietPeriodMillis) {
                quiet.add(a);
                it.remove();
                closedUpTo.put(new Key(a.getTypology(), a.getSubject()), a.getNewestEventAt());
            }
        }
        // Forget closed incidents once no retained event could re-fire them.
        closedUpTo.values().removeIf(t -> nowMillis - t > 4 * quietPeriodMillis);
        emitClosed(quiet);
    }

    /** End of stream: every open incident is closed. */
    public void closeAll() {
        List<Alert> all = new ArrayList<>(open.values());
        open.clear();
        emitClosed(all);
    }

    public int openCount() {
        return open.size();
    }

    /**
     * A match found outside the rule engine (the fraud model's anomaly watch): one incident per typology and subject as
     * for a rule's, with the same quiet period and the same memory of closed incidents.
     */
    public void raise(RuleMatch match) {
        accept(match);
    }

    /**
     * Whether a rule has an incident open on the line itself: an alert of a rule typology whose subject is the line (an
     * SS7 alert on a calling GT or a Wangiri alert on a foreign number names the line only as its victim). What the
     * anomaly watch asks before it raises: a high score that a rule already explains is news to nobody.
     */
    public boolean explains(String subscriber) {
        Subject line = Subject.subscriber(subscriber);
        for (Typology t : Typology.ofRules()) {
            if (open.containsKey(new Key(t, line))) {
                return true;
            }
        }
        return false;
    }

    public long raisedCount() {
        return raisedCount;
    }

    private void emitClosed(List<Alert> alerts) {
        alerts.sort(Comparator.comparingLong(Alert::getDetectedAt).thenComparing(Alert::getAlertId));
        alerts.forEach(listener::closed);
    }

    private static String alertId(RuleMatch m) {
        String seed = m.typology() + "|" + m.subject() + "|" + m.detectedAt() + "|" + m.eventIds();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String required(Rule rule, Map<String, Object> meta, String name) {
        Object v = meta.get(name);
        if (v == null) {
            throw new IllegalStateException("rule '" + rule.getName() + "' has no @" + name + " metadata");
        }
        return v.toString();
    }

    /**
     * Evidence arrives as the matched events themselves: collecting whole events keeps every DRL
     * accumulate reversible (min() over timestamps is not), so windows slide without re-accumulating.
     * An earlier event the enrich stage knows only by id (its handset timeline) comes as a String.
     */
    private static List<String> ids(Collection<?> evidence) {
        if (evidence == null) {
            return List.of();
        }
        List<TelecomEvent> events = new ArrayList<>(evidence.size());
        List<String> out = new ArrayList<>(Math.min(evidence.size(), Alert.MAX_EVIDENCE_EVENTS));
        for (Object o : evidence) {
            if (o instanceof TelecomEvent e) {
                events.add(e);
            } else if (o != null && out.size() < Alert.MAX_EVIDENCE_EVENTS) {
                out.add(o.toString());
            }
        }
        events.sort(Comparator.comparingLong(TelecomEvent::getTimestampMillis).thenComparing(TelecomEvent::getEventId));
        for (TelecomEvent e : events) {
            if (out.size() == Alert.MAX_EVIDENCE_EVENTS) {
                break;
            }
            out.add(e.getEventId());
        }
        return out;
    }

    /**
     * No event in the session is newer than its clock, and a rule re-fires mostly because an event
     * just joined its window, at the end of the collected list: scanning from the end usually stops at
     * once instead of walking a burst's thousands of events on every firing.
     */
    private static long newestEventAt(Collection<?> evidence, long now) {
        long newest = Long.MIN_VALUE;
        if (evidence instanceof List<?> list && evidence instanceof RandomAccess) {
            for (int i = list.size() - 1; i >= 0 && newest < now; i--) {
                if (list.get(i) instanceof TelecomEvent e) {
                    newest = Math.max(newest, e.getTimestampMillis());
                }
            }
        } else if (evidence != null) {
            for (Object o : evidence) {
                if (o instanceof TelecomEvent e) {
                    newest = Math.max(newest, e.getTimestampMillis());
                }
            }
        }
        return newest == Long.MIN_VALUE ? now : newest;
    }

    private static long firstEventAt(Collection<?> evidence, long now) {
        long first = now;
        if (evidence != null) {
            for (Object o : evidence) {
                if (o instanceof TelecomEvent e) {
                    first = Math.min(first, e.getTimestampMillis());
                }
            }
        }
        return first;
    }

    /**
     * The number-intelligence answers the evidence was enriched with, as one figure: which service said what of
     * which number, and when, so that the explanation names the answers a rule read (they change, and the cache
     * forgets them). Absent when no evidence carries one, which is always the case without a lookup service. Read
     * with the evidence ids, only while the alert still takes evidence: later firings keep the figure they found.
     */
    private static Map<String, Object> withLookups(Map<String, Object> figures, Collection<?> evidence) {
        if (evidence == null) {
            return figures;
        }
        Map<String, String> answers = null;
        java.util.Set<String> more = null;
        for (Object o : evidence) {
            if (o instanceof TelecomEvent e) {
                for (NumberInfo info : new NumberInfo[]{e.getEnrichment().getAInfo(), e.getEnrichment().getBInfo()}) {
                    NumberLookupAnswer a = info == null ? null : info.getLookup();
                    if (a == null) {
                        continue;
                    }
                    if (answers == null) {
                        answers = new LinkedHashMap<>();
                    }
                    String number = a.number();
                    if (answers.size() < MAX_LOOKUPS_NAMED) {
                        answers.putIfAbsent(number, a.describe());
                    } else if (!answers.containsKey(number)) {
                        if (more == null) {
                            more = new java.util.HashSet<>();
                        }
                        more.add(number);
                    }
                }
            }
        }
        if (answers != null) {
            String text = String.join("; ", answers.values());
            figures.put("numberLookups", more == null ? text : text + "; and " + more.size() + " more");
        }
        return figures;
    }

    private static Map<String, Object> figures(Object[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("figures must be name/value pairs");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            if (v instanceof Collection<?> c) {
                v = c.size();
            } else if (v instanceof Double d) {
                v = Math.round(d * 100) / 100.0;
            }
            out.put(String.valueOf(pairs[i]), v);
        }
        return out;
    }
}
