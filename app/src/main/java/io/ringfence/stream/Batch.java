package io.ringfence.stream;

import io.ringfence.decision.Decider;
import io.ringfence.contract.AlertJson;
import io.ringfence.contract.AlertMessage;
import io.ringfence.contract.DecisionJson;
import io.ringfence.tracing.Traces;
import io.micrometer.tracing.Span;
import org.apache.kafka.common.header.Headers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one poll produced, collected while the pipelines run and written in one transaction: the
 * accepted events, the alerts as they stood, the decisions, and where each partition got to. Each
 * partition fills its own batch on whichever thread runs it; the poll's batch is those, {@link #merged}.
 */
final class Batch implements io.ringfence.decision.AlertDecisions.Sink {
    record Event(String eventId, String subscriber, String type, long eventTimeMillis, int partition, long offset,
                 String json) {
    }

    record AlertState(AlertMessage alert, String json, boolean closed) {
    }

    /**
     * @param recordTimestamp when the record that led to the decision was produced (Kafka's timestamp)
     * @param span            the decision's span, continuing the record's trace; ended once the batch has committed
     * @param traceparent     the span's W3C context, which the decision's message carries on; null when not traced
     */
    record Decided(Decider.Outcome outcome, String json, int partition, long recordTimestamp, Span span,
                   String traceparent) {
    }

    final List<Event> events = new ArrayList<>();
    final Map<String, AlertState> alerts = new LinkedHashMap<>();
    /** The typology and rule of each alert raised in the batch, for the meters once it committed. */
    final List<String[]> raised = new ArrayList<>();
    final List<Decided> decisions = new ArrayList<>();
    /** While a rule set runs in shadow: its decisions matched with the live ones, never sent. */
    final List<io.ringfence.audit.ShadowDecisionLog.Entry> shadowRules = new ArrayList<>();
    final Map<Integer, Long> nextOffsets = new HashMap<>();
    /** The newest event time each partition reached in this batch. */
    final Map<Integer, Long> newestEventAt = new HashMap<>();
    /** Partitions that stopped in this poll at an event beyond the event-time limit: the offset to read again from. */
    final Map<Integer, Long> stoppedAt = new HashMap<>();
    long rejected;
    long duplicates;
    /** Events set aside because a stage threw on them (also counted in {@link #rejected}). */
    long failed;
    /** How the batch stood before the event being processed, so that a fault can take back what it added. */
    private int decisionsMark;
    private int raisedMark;
    private int shadowRulesMark;
    private final Map<String, AlertState> alertsBefore = new HashMap<>();
    private int partition;
    private long recordTimestamp;
    private Traces traces;
    /** The record being processed: its headers (a trace to continue), offset and when its processing started. */
    private Headers recordHeaders;
    private long recordOffset;
    private long recordStartedMicros;

    /** One partition's part of a poll. */
    static Batch of(int partition, Traces traces) {
        Batch b = new Batch();
        b.partition = partition;
        b.traces = traces;
        return b;
    }

    /**
     * The partitions' batches as the one batch that commits, in the order given (partition order): the rows
     * written are the same whatever thread ran each partition and whenever it finished.
     */
    static Batch merged(List<Batch> parts) {
        Batch all = new Batch();
        for (Batch p : parts) {
            all.events.addAll(p.events);
            all.alerts.putAll(p.alerts);
            all.raised.addAll(p.raised);
            all.decisions.addAll(p.decisions);
            all.shadowRules.addAll(p.shadowRules);
            all.nextOffsets.putAll(p.nextOffsets);
            all.newestEventAt.putAll(p.newestEventAt);
            all.stoppedAt.putAll(p.stoppedAt);
            all.rejected += p.rejected;
            all.duplicates += p.duplicates;
            all.failed += p.failed;
        }
        return all;
    }

    void record(long kafkaTimestamp, Headers headers, long offset) {
        this.recordTimestamp = kafkaTimestamp;
        this.recordHeaders = headers;
        this.recordOffset = offset;
        this.recordStartedMicros = Traces.nowMicros();
        decisionsMark = decisions.size();
        raisedMark = raised.size();
        shadowRulesMark = shadowRules.size();
        alertsBefore.clear();
    }

    /** Takes back what the current record's event added: a faulty event leaves no decision or alert behind. */
    void rollbackRecord() {
        List<Decided> takenBack = decisions.subList(decisionsMark, decisions.size());
        for (Decided d : takenBack) {
            d.span().tag("ringfence.decision.outcome", "taken back: the event was set aside").end();
        }
        takenBack.clear();
        raised.subList(raisedMark, raised.size()).clear();
        shadowRules.subList(shadowRulesMark, shadowRules.size()).clear();
        alertsBefore.forEach((id, before) -> {
            if (before == null) {
                alerts.remove(id);
            } else {
                alerts.put(id, before);
            }
        });
        alertsBefore.clear();
    }

    /** Takes back the rows of a rule set in shadow added for the current record. */
    void dropShadowRulesOfRecord() {
        shadowRules.subList(shadowRulesMark, shadowRules.size()).clear();
    }

    /** The live decisions the current record's event led to, so far. */
    List<Decided> recordDecisions() {
        return decisions.subList(decisionsMark, decisions.size());
    }

    private void put(String alertId, AlertState state) {
        if (!alertsBefore.containsKey(alertId)) {
            alertsBefore.put(alertId, alerts.get(alertId));
        }
        alerts.put(alertId, state);
    }

    @Override
    public void decided(Decider.Outcome outcome) {
        Span span = DecisionSpans.started(traces, outcome.decision(), recordHeaders, partition, recordOffset,
                recordStartedMicros);
        decisions.add(new Decided(outcome, DecisionJson.json(outcome.decision()), partition, recordTimestamp, span,
                traces.traceparent(span)));
    }

    @Override
    public void alert(AlertMessage alert, boolean raised) {
        if (raised) {
            this.raised.add(new String[]{alert.typology(), alert.ruleId()});
        }
        put(alert.alertId(), new AlertState(alert, AlertJson.json(alert), false));
    }

    @Override
    public void closed(AlertMessage alert) {
        put(alert.alertId(), new AlertState(alert, AlertJson.json(alert), true));
    }

    boolean isEmpty() {
        return events.isEmpty() && alerts.isEmpty() && decisions.isEmpty() && nextOffsets.isEmpty();
    }
}
