package io.ringfence.decision;

import io.ringfence.contract.MatchedRow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scenarios an analyst reads and extends beside a disposition table (a plain CSV file, see
 * {@code disposition.scenarios.csv}), and the runner that holds a table to them. The same runner serves the
 * module's test, the service's upload gate and the {@code dmn-scenarios} command, so a scenario means one thing
 * everywhere.
 */
public final class DmnScenarios {
    /** The scenarios of the shipped table, beside it in the jar. */
    public static final String SHIPPED = "io/ringfence/decision/disposition.scenarios.csv";

    private final List<DmnScenario> scenarios;

    private DmnScenarios(List<DmnScenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /**
     * @throws ScenarioFileException naming the line of every problem (unknown or missing column, a value that is
     *                               not a number, a repeated name, ...)
     */
    public static DmnScenarios parse(byte[] csv) {
        return new DmnScenarios(ScenarioFile.read(csv));
    }

    public static DmnScenarios shipped() {
        try (InputStream in = DmnScenarios.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("shipped scenarios missing from the classpath: " + SHIPPED);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No scenarios: for a table that came without a file of them. */
    public static DmnScenarios none() {
        return new DmnScenarios(List.of());
    }

    public List<DmnScenario> scenarios() {
        return scenarios;
    }

    /** The scenarios of both files; the names must not clash, so a scenario cannot be restated to mean less. */
    public DmnScenarios and(DmnScenarios more) {
        List<String> clashes = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        scenarios.forEach(s -> names.add(s.name()));
        more.scenarios.forEach(s -> {
            if (names.contains(s.name())) {
                clashes.add("line " + s.line() + ": scenario '" + s.name()
                        + "' is already a scenario of the live table; give yours a name of its own");
            }
        });
        if (!clashes.isEmpty()) {
            throw new ScenarioFileException(io.ringfence.upload.UploadRejection.Reason.INVALID, clashes);
        }
        List<DmnScenario> all = new ArrayList<>(scenarios);
        all.addAll(more.scenarios);
        return new DmnScenarios(all);
    }

    /** One scenario restated by a change: what it expected of each output that changes, and what it expects now. */
    public record Restatement(String scenario, List<ScenarioFailure.Mismatch> outputs) {
        public Restatement {
            outputs = List.copyOf(outputs);
        }
    }

    /** The scenarios with some restated, and what each restatement changes. */
    public record Restated(DmnScenarios scenarios, List<Restatement> restatements) {
        public Restated {
            restatements = List.copyOf(restatements);
        }
    }

    /**
     * The named scenarios restated to expect what the draft decides, each for the outputs it checked before and
     * no other (a restatement says "the table means this now", never "check less"). The rest are unchanged.
     *
     * @throws ScenarioFileException naming every name that is not a scenario here, that the draft cannot decide,
     *                               or that the draft already decides as expected (nothing to restate)
     */
    public Restated restatedBy(DecisionModel draft, java.util.Collection<String> names) {
        Set<String> wanted = new TreeSet<>(names);
        Set<String> known = new TreeSet<>();
        scenarios.forEach(s -> known.add(s.name()));
        List<String> problems = new ArrayList<>();
        wanted.stream().filter(n -> !known.contains(n))
                .forEach(n -> problems.add("'" + n + "' is not a scenario of the live table: add a new one with a scenario file"));
        List<DmnScenario> out = new ArrayList<>();
        List<Restatement> restatements = new ArrayList<>();
        for (DmnScenario s : scenarios) {
            if (!wanted.contains(s.name())) {
                out.add(s);
                continue;
            }
            Map<String, Object> actual;
            try {
                actual = outputs(draft.decide(s.input()));
            } catch (DecisionModelException e) {
                problems.add("'" + s.name() + "' cannot be restated: the draft does not decide it (" + engineSays(e) + ")");
                continue;
            }
            Map<String, Object> expected = new LinkedHashMap<>();
            List<ScenarioFailure.Mismatch> changed = new ArrayList<>();
            s.expected().forEach((output, want) -> {
                Object got = actual.get(output);
                expected.put(output, got);
                if (!Objects.equals(want, got)) {
                    changed.add(new ScenarioFailure.Mismatch(output, show(want), show(got)));
                }
            });
            if (changed.isEmpty()) {
                problems.add("'" + s.name() + "' already decides as it expects: there is nothing to restate");
                continue;
            }
            out.add(new DmnScenario(s.name(), s.line(), s.input(), expected));
            restatements.add(new Restatement(s.name(), changed));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioFileException(io.ringfence.upload.UploadRejection.Reason.INVALID, problems);
        }
        return new Restated(new DmnScenarios(out), restatements);
    }

    /** The scenarios as a file this class reads back: every input and output column, one line each. */
    public byte[] toCsv(String comment) {
        return ScenarioFile.write(scenarios, comment);
    }

    /** What a run found. */
    public record Outcome(int scenarios, List<ScenarioFailure> failures, Set<String> rowsDecided) {
        public Outcome {
            failures = List.copyOf(failures);
            rowsDecided = Set.copyOf(rowsDecided);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /**
     * Evaluates every scenario on the model. A scenario the model cannot evaluate (no row matches, an output
     * Ringfence cannot act on) fails with the engine's message as its actual value; the run goes on.
     *
     * @throws DecisionModelException when the thread is interrupted between two scenarios (a check over its budget)
     */
    public Outcome run(DecisionModel model) {
        List<ScenarioFailure> failures = new ArrayList<>();
        Set<String> rows = new TreeSet<>();
        int n = 0;
        for (DmnScenario s : scenarios) {
            // As in DecisionModelProbe: the FEEL engine ignores interrupts, so a budget's stop lands here.
            if (Thread.currentThread().isInterrupted()) {
                throw new DecisionModelException("the scenarios were interrupted", List.of("stopped after " + n + " scenarios"));
            }
            n++;
            Map<String, Object> actual;
            try {
                Disposition d = model.decide(s.input());
                d.rows().forEach(r -> rows.add(r.id()));
                actual = outputs(d);
            } catch (DecisionModelException e) {
                failures.add(new ScenarioFailure(s.name(), s.line(), s.input(),
                        List.of(new ScenarioFailure.Mismatch("evaluation", "a decision", engineSays(e)))));
                continue;
            }
            List<ScenarioFailure.Mismatch> mismatches = new ArrayList<>();
            s.expected().forEach((output, want) -> {
                Object got = actual.get(output);
                if (!Objects.equals(want, got)) {
                    mismatches.add(new ScenarioFailure.Mismatch(output, show(want), show(got)));
                }
            });
            if (!mismatches.isEmpty()) {
                failures.add(new ScenarioFailure(s.name(), s.line(), s.input(), mismatches));
            }
        }
        return new Outcome(n, failures, rows);
    }

    private static Map<String, Object> outputs(Disposition d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", d.action());
        out.put("openCase", d.openCase());
        out.put("priority", d.priority());
        out.put("blockHours", d.blockHours());
        out.put("queue", d.caseQueue());
        out.put("slaMinutes", d.slaMinutes());
        out.put("row", d.rows().stream().filter(r -> DecisionModel.DISPOSITION.equals(r.table()))
                .map(MatchedRow::id).findFirst().orElse(null));
        return out;
    }

    /** The engine's own messages, on one line: the input is in the failure already. */
    private static String engineSays(DecisionModelException e) {
        String said = e.messages().isEmpty() ? e.getMessage() : String.join("; ", e.messages());
        return "an error: " + said.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String show(Object v) {
        return v == null ? ScenarioFile.NONE : String.valueOf(v);
    }
}
