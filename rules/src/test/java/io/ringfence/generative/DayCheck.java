package io.ringfence.generative;

import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Feeds a generated day through the parser and the detection pipeline, as replay does, and checks
 * after every line what must hold whatever the traffic:
 * <ul>
 * <li>no stage throws;</li>
 * <li>the session holds at most two facts per event still within its retention (the event, and at most
 * one watch it started), plus the late ones since the clock last moved (Drools drops an event inserted
 * already expired when the clock next advances): memory follows the traffic kept, not the stream;</li>
 * <li>every open incident matched within the quiet period (plus the minute between closing checks), and
 * the listener saw exactly the incidents the registry holds open;</li>
 * <li>profiles at most one per subscriber seen;</li>
 * <li>a copy delivered right after its original changes nothing and is counted as a duplicate.</li>
 * </ul>
 * The alerts, in the order the listener saw them, are returned for comparison between runs.
 */
final class DayCheck {
    private static final long CLOSE_CHECK_SLACK_MILLIS = 60_000;

    private static volatile RuleSet rules;
    private static volatile ReferenceDataRepository reference;

    private DayCheck() {
    }

    static RuleSet rules() {
        if (rules == null) {
            synchronized (DayCheck.class) {
                if (rules == null) {
                    reference = new ReferenceDataRepository(ReferenceDataLoader.defaults());
                    rules = RuleSetCompiler.compileDefault();
                }
            }
        }
        return rules;
    }

    /**
     * What runs after detection in a module that has it (features, score, decide), fed as replay feeds
     * it. The rules module has none; decision-models' tests plug the real stages in.
     */
    interface Downstream {
        Downstream NONE = new Downstream() {
        };

        /** Told of alerts as detection raises, escalates and closes them. */
        default AlertListener listener() {
            return new AlertListener() {
            };
        }

        /** Sees each admitted event after enrichment, before the rules. */
        default void observe(TelecomEvent event) {
        }

        /** After each event's rules fired, and once more after the stream ended: decide here. */
        default void afterEvent() {
        }

        /** Why its state is larger than it may be with this many subscribers seen, or null. */
        default String stateProblem(int subscribersSeen) {
            return null;
        }

        /** What it put out, for the comparison of two runs. */
        default List<String> log() {
            return List.of();
        }
    }

    /** Thrown when an invariant fails; an exception from a stage is passed on as it is. */
    static final class Violation extends RuntimeException {
        final String invariant;

        Violation(String invariant, String message) {
            super(invariant + ": " + message);
            this.invariant = invariant;
        }
    }

    /** What one run of a day did. */
    record Run(int lines, int accepted, int rejected, long admitted, long duplicates, long refused, long raised,
               long peakFacts, double tightestFacts, int peakOpen, List<String> alerts, List<String> downstream) {
        String withoutAlerts() {
            return lines + " lines, " + accepted + " accepted, " + rejected + " rejected, " + admitted + " admitted, "
                    + duplicates + " duplicates, " + refused + " refused, " + raised + " alerts, peak "
                    + peakFacts + " facts (at most " + Math.round(tightestFacts * 100) + "% of the bound) and " + peakOpen
                    + " open alerts";
        }
    }

    /**
     * Runs the day twice, each time in a fresh pipeline, and compares the alerts.
     *
     * @return the first run, or the failure (a stage's exception, an invariant, or two runs that differ)
     */
    static Outcome twice(GeneratedDay day) {
        return twice(day, () -> Downstream.NONE);
    }

    static Outcome twice(GeneratedDay day, Supplier<Downstream> downstream) {
        try {
            Run first = run(day, downstream.get());
            Run second = run(day, downstream.get());
            if (!first.equals(second)) {
                throw new Violation("determinism", "two runs of the same lines differ"
                        + difference("alert", first.alerts(), second.alerts())
                        + difference("output", first.downstream(), second.downstream())
                        + (first.withoutAlerts().equals(second.withoutAlerts()) ? ""
                        : " in their counters: " + first.withoutAlerts() + " / " + second.withoutAlerts()));
            }
            return new Outcome(first, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(null, e);
        }
    }

    private static String difference(String what, List<String> a, List<String> b) {
        int at = 0;
        while (at < Math.min(a.size(), b.size()) && a.get(at).equals(b.get(at))) {
            at++;
        }
        return at == Math.max(a.size(), b.size()) ? ""
                : " at " + what + " " + at + ":\n  " + item(a, at) + "\n  " + item(b, at) + "\n";
    }

    private static String item(List<String> list, int i) {
        return i < list.size() ? list.get(i) : "(none)";
    }

    /** A run, or what failed. */
    record Outcome(Run run, Throwable failure) {
        boolean failed() {
            return failure != null;
        }

        /**
         * What kind of failure this is, to keep a minimised day failing the same way: the invariant, or
         * the exception's class and the frame it was thrown from.
         */
        String signature() {
            if (failure == null) {
                return "ok";
            }
            if (failure instanceof Violation v) {
                return v.invariant;
            }
            Throwable root = failure instanceof StageFailure ? failure.getCause() : failure;
            StackTraceElement[] frames = root.getStackTrace();
            return root.getClass().getName() + (frames.length > 0 ? " at " + frames[0] : "");
        }
    }

    /** Runs the day once; throws what a stage throws (with the line it was on) or a {@link Violation}. */
    static Run run(GeneratedDay day, Downstream downstream) {
        RuleSet rs = rules();
        RuleParameters params = rs.parameters();
        long quiet = params.millis("incident.quietPeriod");
        Incidents incidents = new Incidents();
        EventParser parser = new EventParser();
        Retained retained = new Retained(params);
        Set<String> subscribers = new HashSet<>();
        Set<Integer> copies = new HashSet<>(day.immediateCopies());
        int accepted = 0;
        int rejected = 0;
        long admitted = 0;
        long peakFacts = 0;
        double tightest = 0;
        int peakOpen = 0;
        long clock = Long.MIN_VALUE;
        boolean previousAdmitted = false;
        List<String> lines = day.lines();
        AlertListener listeners = both(incidents, downstream.listener());
        Run run;
        try (DetectionPipeline pipeline = new DetectionPipeline(rs, reference, listeners, downstream::observe)) {
            for (int i = 0; i < lines.size(); i++) {
                ParseResult result = parser.parse(lines.get(i));
                if (!(result instanceof ParseResult.Accepted a)) {
                    rejected++;
                    previousAdmitted = false;
                    continue;
                }
                accepted++;
                TelecomEvent e = a.event();
                long duplicatesBefore = pipeline.duplicates();
                boolean in;
                try {
                    in = pipeline.process(e);
                    downstream.afterEvent();
                } catch (RuntimeException | StackOverflowError ex) {
                    throw new StageFailure(i, e, ex);
                }
                if (copies.contains(i) && previousAdmitted && (in || pipeline.duplicates() != duplicatesBefore + 1)) {
                    throw new Violation("duplicate", "line " + (i + 1) + " repeats the line before it (event "
                            + e.getEventId() + ") but was " + (in ? "processed again" : "not counted as a duplicate"));
                }
                previousAdmitted = in;
                if (!in) {
                    continue;
                }
                admitted++;
                subscribers.add(e.getSubscriber());
                boolean advanced = e.getTimestampMillis() > clock;
                clock = Math.max(clock, e.getTimestampMillis());
                retained.add(e, clock, advanced);
                long facts = pipeline.factCount();
                long bound = 2 * retained.count() + 8;
                if (facts > bound) {
                    throw new Violation("facts", "after line " + (i + 1) + ": " + facts + " facts in the session, over "
                            + bound + " (twice the " + retained.count() + " events within retention, plus 8)");
                }
                int open = pipeline.openAlerts();
                if (open != incidents.open.size()) {
                    throw new Violation("open-alerts", "after line " + (i + 1) + ": the registry holds " + open
                            + " open incidents, the listener was told of " + incidents.open.size());
                }
                for (Alert alert : incidents.open.values()) {
                    if (clock - alert.getLastMatchAt() > quiet + CLOSE_CHECK_SLACK_MILLIS) {
                        throw new Violation("quiet-incident", "after line " + (i + 1) + ": " + alert
                                + " is still open " + (clock - alert.getLastMatchAt()) / 60_000 + " min after its last match");
                    }
                }
                if (pipeline.profileCount() > subscribers.size()) {
                    throw new Violation("profiles", pipeline.profileCount() + " profiles for "
                            + subscribers.size() + " subscribers");
                }
                String downstreamProblem = downstream.stateProblem(subscribers.size());
                if (downstreamProblem != null) {
                    throw new Violation("downstream-state", "after line " + (i + 1) + ": " + downstreamProblem);
                }
                peakFacts = Math.max(peakFacts, facts);
                tightest = Math.max(tightest, (double) facts / bound);
                peakOpen = Math.max(peakOpen, open);
            }
            if (admitted + pipeline.duplicates() + pipeline.refused() != accepted) {
                throw new Violation("counters", admitted + " admitted + " + pipeline.duplicates() + " duplicates + "
                        + pipeline.refused() + " refused != " + accepted + " accepted");
            }
            run = new Run(lines.size(), accepted, rejected, admitted, pipeline.duplicates(), pipeline.refused(),
                    incidents.raised, peakFacts, tightest, peakOpen, incidents.log, downstream.log());
        }
        // closing the pipeline closed the incidents still open: the stages after detection hear of it now
        downstream.afterEvent();
        if (!incidents.open.isEmpty()) {
            throw new Violation("open-alerts", incidents.open.size() + " incidents still open after the stream ended");
        }
        return run;
    }

    private static AlertListener both(AlertListener first, AlertListener second) {
        return new AlertListener() {
            @Override
            public void raised(Alert a) {
                first.raised(a);
                second.raised(a);
            }

            @Override
            public void updated(Alert a) {
                first.updated(a);
                second.updated(a);
            }

            @Override
            public void closed(Alert a) {
                first.closed(a);
                second.closed(a);
            }
        };
    }

    /** An exception out of the pipeline on one line. */
    static final class StageFailure extends RuntimeException {
        final int line;

        StageFailure(int line, TelecomEvent event, Throwable cause) {
            super("line " + (line + 1) + " (" + event.getType() + " " + event.getEventId() + " at "
                    + event.getTimestamp() + "): " + cause, cause);
            this.line = line;
        }
    }
}
