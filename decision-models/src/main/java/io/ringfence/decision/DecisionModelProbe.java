package io.ringfence.decision;

import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;

import java.util.ArrayList;
import java.util.List;

/**
 * Before a decision model goes live it must answer for every typology, severity and subject kind,
 * with and without a score: a model that compiles but has no row for some alert (or a FEEL error in a
 * row) would otherwise fail in production, on the first such alert.
 */
final class DecisionModelProbe {
    private static final Double[] SCORES = {null, 0.0, 0.5, 0.99};
    private static final String[] SEGMENTS = {"CONSUMER", "BUSINESS", "VIP", "TEST"};

    private DecisionModelProbe() {
    }

    static void check(DecisionModel model) {
        List<String> problems = new ArrayList<>();
        for (Typology t : Typology.values()) {
            for (Severity s : Severity.values()) {
                for (Subject.Kind k : Subject.Kind.values()) {
                    for (Double score : SCORES) {
                        for (String segment : SEGMENTS) {
                            DispositionInput in = new DispositionInput(t.name(), "PROBE-001", s.name(), score, k.name(),
                                    segment, 20, 0, 0);
                            try {
                                Disposition d = model.decide(in);
                                if (d.openCase() && d.caseQueue() == null) {
                                    problems.add("a case opens without a queue for " + in);
                                }
                            } catch (DecisionModelException e) {
                                problems.add(e.getMessage());
                            }
                            if (problems.size() >= 5) {
                                throw new DecisionModelException("the decision model fails on some alerts", problems);
                            }
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
