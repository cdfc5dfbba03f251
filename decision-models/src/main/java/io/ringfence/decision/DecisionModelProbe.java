package io.ringfence.decision;

import io.ringfence.contract.DispositionInput;

import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;

import java.util.ArrayList;
import java.util.List;

/**
 * Before a decision model goes live it must answer, with something Ringfence can act on, for every
 * typology, severity and subject kind, each tried with several mixes of score, segment, value, repeat
 * offences, exposure and signaling origin (boundary values of the shipped rows included): a model that
 * compiles but has no row for some alert, or returns an unknown action, would otherwise fail in
 * production on the first such alert.
 */
final class DecisionModelProbe {
    private static final Double[] SCORES = {null, 0.0, 0.49, 0.5, 0.79, 0.8, 0.99};
    private static final String[] SEGMENTS = {"CONSUMER", "BUSINESS", "VIP", "TEST"};
    private static final double[] VALUES = {0, 20, 199, 200, 1000};
    private static final int[] REPEATS = {0, 1, 2, 5};
    private static final double[] EXPOSURES = {0, 499, 500, 1999, 2000, 100_000};
    private static final String[] ORIGINS = {"NONE", "HOME", "PARTNER", "FOREIGN"};
    private static final int VARIANTS = 8;
    private static final int MAX_PROBLEMS = 5;

    private DecisionModelProbe() {
    }

    static void check(DecisionModel model) {
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Typology t : Typology.values()) {
            for (Severity s : Severity.values()) {
                for (Subject.Kind k : Subject.Kind.values()) {
                    for (int v = 0; v < VARIANTS; v++, n++) {
                        // The probes run an uploaded model's FEEL, which never looks at interrupts, and KIE reports
                        // an evaluation that was stopped as an error of that evaluation: between two probes is where
                        // a check that ran out of its budget (the service's upload checks) actually ends.
                        if (Thread.currentThread().isInterrupted()) {
                            throw new DecisionModelException("the decision model's probes were interrupted",
                                    List.of("stopped after " + n + " probes"));
                        }
                        // Co-prime strides walk the other inputs through their values without a full product.
                        DispositionInput in = new DispositionInput(t.name(), t.name() + "-00" + (1 + v % 4), s.name(),
                                SCORES[n % SCORES.length], k.name(), SEGMENTS[(n / 7) % SEGMENTS.length],
                                VALUES[(n / 3) % VALUES.length], REPEATS[(n / 5) % REPEATS.length],
                                EXPOSURES[(n / 11) % EXPOSURES.length], ORIGINS[(n / 13) % ORIGINS.length]);
                        try {
                            Disposition d = model.decide(in);
                            if (d.openCase() && d.caseQueue() == null) {
                                problems.add("a case opens without a queue for " + in);
                            }
                            if (d.action().isBlock() && d.blockHours() <= 0) {
                                problems.add("a block without a duration for " + in);
                            }
                        } catch (RuntimeException e) {
                            problems.add(e.getMessage());
                        }
                        if (problems.size() >= MAX_PROBLEMS) {
                            throw new DecisionModelException("the decision model fails on some alerts", problems);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new DecisionModelException("the decision model fails on some alerts", problems);
        }
    }
}
