package io.ringfence.simulation;

import io.ringfence.contract.AlertMessage;
import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.Typology;
import io.ringfence.label.Label;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the fraud model finds as a detector on simulated days (docs/detection.md, "ANOMALY"): each ANOMALY alert is
 * put where it landed, on a fraud line the rules also caught, on a fraud line they missed, on a look-alike, or on an
 * ordinary line; with the lines scored and the time the whole pipeline took with the watch on and off, which is its
 * cost per event.
 */
public final class SimulatedAnomalyReport {

    /** Where the anomalies of one family landed, pooled over the seeds, and what the watch cost. */
    public record Result(SimulationConfig.Family family, long events, long scored, Map<String, Integer> landed,
                         double microsPerEventOn, double microsPerEventOff) {
    }

    private SimulatedAnomalyReport() {
    }

    public static Result run(RuleSet rules, ReferenceDataRepository reference, SimulationConfig.Family family,
                             List<Long> seeds, int subscribers, int hours, int incidents) {
        // The watch reads its parameters at run time, not from the DRL: the same compiled rules serve both runs.
        RuleSet off = new RuleSet(rules.version(), rules.kieBase(), rules.parameters().with("anomaly.enabled", "false"),
                rules.rules());
        Map<String, Integer> landed = new TreeMap<>();
        long events = 0;
        long scored = 0;
        long nanosOn = 0;
        long nanosOff = 0;
        for (long seed : seeds) {
            SimulationConfig config = new SimulationConfig(seed, subscribers, SimulationConfig.DEFAULT_START, hours,
                    incidents, family);
            Day on = day(rules, reference, config);
            Day without = day(off, reference, config);
            events += on.events;
            scored += on.scored;
            nanosOn += on.nanos;
            nanosOff += without.nanos;
            for (AlertMessage a : on.anomalies) {
                landed.merge(where(a.subscriber(), on.labels, on.ruleAlertSubscribers), 1, Integer::sum);
            }
        }
        return new Result(family, events, scored, landed, nanosOn / 1e3 / Math.max(1, events),
                nanosOff / 1e3 / Math.max(1, events));
    }

    private static final class Day {
        final List<AlertMessage> anomalies = new java.util.ArrayList<>();
        final Set<String> ruleAlertSubscribers = new HashSet<>();
        List<Label> labels;
        long events;
        long scored;
        long nanos;
    }

    private static Day day(RuleSet rules, ReferenceDataRepository reference, SimulationConfig config) {
        TrafficSimulator sim = new TrafficSimulator(config);
        Day day = new Day();
        AlertDecisions.Sink sink = new AlertDecisions.Sink() {
            @Override
            public void decided(Decider.Outcome outcome) {
            }

            @Override
            public void alert(AlertMessage alert, boolean raised) {
                if (!raised) {
                    return;
                }
                if (Typology.ANOMALY.name().equals(alert.typology())) {
                    day.anomalies.add(alert);
                } else if (alert.subscriber() != null) {
                    day.ruleAlertSubscribers.add(alert.subscriber());
                }
            }
        };
        long t0 = System.nanoTime();
        try (DecisionPipeline p = new DecisionPipeline(rules, reference, DecisionAssets.shipped(), CustomerSegments.shipped())) {
            for (var e : sim) {
                p.process(e, sink);
                day.events++;
            }
            day.scored = p.anomalies().scored();
            p.finish(sink);
        }
        day.nanos = System.nanoTime() - t0;
        day.labels = sim.labels();
        return day;
    }

    /** The label whose subscriber the anomaly names: {@code fraud IRSF (rules too)}, {@code look-alike X}, or ordinary. */
    private static String where(String subscriber, List<Label> labels, Set<String> ruleAlerts) {
        for (Label l : labels) {
            if (subscriber.equals(l.subscriber()) && l.isFraud()) {
                return "fraud " + l.typology() + (ruleAlerts.contains(subscriber) ? " (the rules alerted too)"
                        : " (no rule alerted)");
            }
        }
        for (Label l : labels) {
            if (subscriber.equals(l.subscriber())) {
                return "look-alike " + l.typology();
            }
        }
        return "ordinary line";
    }

    public static String text(Result r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%s: %,d events, %,d line scores; ANOMALY alerts by where they landed:%n",
                r.family().name().toLowerCase(Locale.ROOT), r.events(), r.scored()));
        if (r.landed().isEmpty()) {
            s.append("  none\n");
        }
        r.landed().forEach((k, n) -> s.append(String.format(Locale.ROOT, "  %-60s %5d%n", k, n)));
        s.append(String.format(Locale.ROOT, "  simulated day through the whole pipeline: %.1f µs/event with the watch, "
                + "%.1f µs/event without (%+.1f µs)%n",
                r.microsPerEventOn(), r.microsPerEventOff(), r.microsPerEventOn() - r.microsPerEventOff()));
        return s.toString();
    }
}
