package io.ringfence.detection;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A hand-written stream of events for one rule scenario, run through the real pipeline (enrichment,
 * the shipped DRL, the CEP session on a pseudo clock). Times are minutes from 08:00 on the demo day.
 */
final class Scenario {
    static final RuleSet RULES = RuleSetCompiler.compileDefault();
    static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final ReferenceDataRepository REFERENCE = new ReferenceDataRepository(ReferenceDataLoader.defaults());

    private final List<TelecomEvent> events = new ArrayList<>();
    private int ids;

    static long at(double minutes) {
        return T0 + Math.round(minutes * 60_000);
    }

    /** A threshold of the rule set the scenarios run against, as a whole number. */
    static int intParam(String name) {
        return Integer.parseInt(RULES.parameters().get(name));
    }

    /** A numeric threshold of the rule set the scenarios run against. */
    static double doubleParam(String name) {
        return Double.parseDouble(RULES.parameters().get(name));
    }

    /** A window or duration of the rule set the scenarios run against, in (scenario) minutes. */
    static double minutesParam(String name) {
        return RULES.parameters().millis(name) / 60_000.0;
    }

    private TelecomEvent.Common common(double minute, String subscriber) {
        return new TelecomEvent.Common("e" + (++ids), at(minute), subscriber);
    }

    static Device phone(String imei, String cell) {
        return new Device("234150000000001", imei, cell);
    }

    Scenario call(double minute, String subscriber, Direction dir, String a, String b, Device dev, boolean answered,
                  double ringSeconds, double durationSeconds) {
        return call(minute, subscriber, dir, a, b, dev, Roaming.HOME, null, answered, ringSeconds, durationSeconds, null);
    }

    Scenario call(double minute, String subscriber, Direction dir, String a, String b, Device dev, Roaming roaming,
                  String trunk, boolean answered, double ringSeconds, double durationSeconds, Double charge) {
        events.add(new VoiceEvent(common(minute, subscriber), dir, a, b, dev, roaming, trunk, charge, answered,
                ringSeconds, answered ? durationSeconds : 0));
        return this;
    }

    Scenario sms(double minute, String subscriber, Direction dir, String a, String b, Device dev, String senderId) {
        events.add(new SmsEvent(common(minute, subscriber), dir, a, b, dev, Roaming.HOME, null, null, senderId));
        return this;
    }

    Scenario data(double minute, String subscriber, Device dev, Roaming roaming) {
        events.add(new DataEvent(common(minute, subscriber), dev, roaming, 1000, 50_000));
        return this;
    }

    Scenario sip(double minute, String subscriber, String method, int code, String ip, String from, String to, String trunk) {
        events.add(new SipEvent(common(minute, subscriber), method, code, ip, "ua", from, to, trunk));
        return this;
    }

    Scenario ss7(double minute, String subscriber, String operation, String callingGt) {
        events.add(new Ss7Event(common(minute, subscriber), operation, callingGt, "447700900001", null));
        return this;
    }

    Scenario diameter(double minute, String subscriber, String command, String host, String realm) {
        events.add(new DiameterEvent(common(minute, subscriber), command, host, realm, null));
        return this;
    }

    Scenario simSwap(double minute, String subscriber, String channel) {
        events.add(new SimSwapEvent(common(minute, subscriber), "234150000000001", "234150000000002", channel, null));
        return this;
    }

    Scenario forward(double minute, String subscriber, String to, boolean active) {
        events.add(new CallForwardEvent(common(minute, subscriber), to, "UNCONDITIONAL", active));
        return this;
    }

    Scenario subscription(double minute, String subscriber) {
        events.add(new SubscriptionEvent(common(minute, subscriber), "PREPAID", "C1", "ONLINE", null));
        return this;
    }

    /** Runs the events in time order through a fresh pipeline and returns the closed alerts. */
    List<Alert> run() {
        return run(REFERENCE);
    }

    /** Through other reference data, e.g. with a number-intelligence service's answers. */
    List<Alert> run(ReferenceDataRepository reference) {
        return run(RULES, reference);
    }

    /** Through other rules, e.g. one stage's of the shipped set; the events are enriched afterwards. */
    List<Alert> run(RuleSet rules) {
        return run(rules, REFERENCE);
    }

    List<TelecomEvent> events() {
        return events;
    }

    private List<Alert> run(RuleSet rules, ReferenceDataRepository reference) {
        List<Alert> alerts = new ArrayList<>();
        AlertListener listener = new AlertListener() {
            @Override
            public void closed(Alert alert) {
                alerts.add(alert);
            }
        };
        events.sort(Comparator.comparingLong(TelecomEvent::getTimestampMillis));
        try (DetectionPipeline p = new DetectionPipeline(rules, reference, listener)) {
            events.forEach(p::process);
        }
        return alerts;
    }
}
