package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.DispositionInput;
import io.ringfence.upload.UploadRejection;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file: comment lines ({@code #}), one header line, then one scenario per line, values separated
 * by commas. Every problem is collected with its line, so an analyst fixes the file in one round.
 */
final class ScenarioFile {
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_SCENARIOS = 2000;
    private static final int MAX_PROBLEMS = 20;
    static final String NAME = "scenario";
    static final String EXPECT = "expect.";
    /** The disposition table's inputs, named as its input data nodes and {@link DispositionInput}'s fields. */
    static final List<String> INPUTS = List.of("typology", "ruleId", "severity", "score", "subjectKind", "segment",
            "customerValue", "repeatOffences", "exposure", "origin");
    /**
     * Inputs a scenario may leave out (files written before the CRM's account columns): no account age, not an
     * enterprise's line. An empty cell means the same.
     */
    static final List<String> OPTIONAL_INPUTS = List.of("accountAgeDays", "enterprise");
    /** What a scenario may expect: the disposition, the routing table's queue and SLA, and the row that decided. */
    static final List<String> OUTPUTS = List.of("action", "openCase", "priority", "blockHours", "queue", "slaMinutes",
            "row");
    /** Written for "no value" in queue and slaMinutes: an empty cell already means "do not check". */
    static final String NONE = "none";

    private final List<String> problems = new ArrayList<>();

    private ScenarioFile() {
    }

    static List<DmnScenario> read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new ScenarioFileException(UploadRejection.Reason.TOO_LARGE,
                    List.of("the file has " + bytes.length + " bytes; at most " + MAX_BYTES + " are read"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioFileException(UploadRejection.Reason.INVALID, List.of("the file is not UTF-8 text"));
        }
        ScenarioFile file = new ScenarioFile();
        List<DmnScenario> scenarios = file.parse(text);
        if (!file.problems.isEmpty()) {
            throw new ScenarioFileException(UploadRejection.Reason.INVALID, file.problems);
        }
        return scenarios;
    }

    private List<DmnScenario> parse(String text) {
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\r?\n", -1) : text.split("\r?\n", -1);
        Map<String, Integer> columns = null;
        List<DmnScenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.length && problems.size() < MAX_PROBLEMS; i++) {
            int line = i + 1;
            String raw = lines[i].strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            List<String> cells = cells(raw);
            if (columns == null) {
                columns = header(cells, line);
                if (columns == null) {
                    return List.of();
                }
                continue;
            }
            if (cells.size() != columns.size()) {
                problem(line, "has " + cells.size() + " values, the header has " + columns.size() + " columns");
                continue;
            }
            if (cells.stream().anyMatch(c -> c.startsWith("\""))) {
                problem(line, "quotes are not read: write values without them (and without commas)");
                continue;
            }
            DmnScenario s = scenario(cells, columns, line);
            if (s == null) {
                continue;
            }
            if (!names.add(s.name())) {
                problem(line, "scenario '" + s.name() + "' is already named on an earlier line; names must be unique");
            } else if (scenarios.size() == MAX_SCENARIOS) {
                problem(line, "more than " + MAX_SCENARIOS + " scenarios");
                break;
            } else {
                scenarios.add(s);
            }
        }
        if (columns == null && problems.isEmpty()) {
            problems.add("the file has no header line (scenario, the table's inputs, expect.<output> columns)");
        } else if (columns != null && scenarios.isEmpty() && problems.isEmpty()) {
            problems.add("the file has a header but no scenario");
        }
        return scenarios;
    }

    private Map<String, Integer> header(List<String> cells, int line) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c);
            boolean known = name.equals(NAME) || INPUTS.contains(name) || OPTIONAL_INPUTS.contains(name)
                    || (name.startsWith(EXPECT) && OUTPUTS.contains(name.substring(EXPECT.length())));
            if (!known) {
                problem(line, "unknown column '" + name + "': columns are " + NAME + ", the table's inputs " + INPUTS
                        + " (and optionally " + OPTIONAL_INPUTS + ") and " + EXPECT + "<output> for outputs " + OUTPUTS);
            } else if (columns.putIfAbsent(name, c) != null) {
                problem(line, "column '" + name + "' appears twice");
            }
        }
        List<String> missing = new ArrayList<>();
        if (!columns.containsKey(NAME)) {
            missing.add(NAME);
        }
        INPUTS.stream().filter(in -> !columns.containsKey(in)).forEach(missing::add);
        if (!missing.isEmpty()) {
            problem(line, "missing column(s) " + missing + ": every input of the table must have a column");
        }
        if (columns.keySet().stream().noneMatch(k -> k.startsWith(EXPECT))) {
            problem(line, "no " + EXPECT + "<output> column: a scenario must expect something");
        }
        return problems.isEmpty() ? columns : null;
    }

    private DmnScenario scenario(List<String> cells, Map<String, Integer> columns, int line) {
        int before = problems.size();
        String name = cells.get(columns.get(NAME));
        if (name.isEmpty()) {
            problem(line, "the scenario has no name");
        }
        Map<String, String> in = new HashMap<>();
        for (String input : INPUTS) {
            String v = cells.get(columns.get(input));
            if (v.isEmpty() && !input.equals("score")) {
                problem(line, input + " is empty; only score may be (no model scored)");
            }
            in.put(input, v);
        }
        Double score = in.get("score").isEmpty() ? null : number(in.get("score"), "score", line);
        Double value = number(in.get("customerValue"), "customerValue", line);
        Double exposure = number(in.get("exposure"), "exposure", line);
        Integer repeats = whole(in.get("repeatOffences"), "repeatOffences", line);
        String age = optional(cells, columns, "accountAgeDays");
        Integer accountAge = age.isEmpty() ? null : whole(age, "accountAgeDays", line);
        String enterprise = optional(cells, columns, "enterprise");
        if (!enterprise.isEmpty() && !enterprise.equals("true") && !enterprise.equals("false")) {
            problem(line, "enterprise '" + enterprise + "' must be true, false or empty");
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String output : OUTPUTS) {
            Integer c = columns.get(EXPECT + output);
            String v = c == null ? "" : cells.get(c);
            if (!v.isEmpty()) {
                expected.put(output, expectation(output, v, line));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        if (expected.isEmpty()) {
            problem(line, "scenario '" + name + "' expects nothing: fill at least one expect. column");
            return null;
        }
        return new DmnScenario(name, line, new DispositionInput(in.get("typology"), in.get("ruleId"), in.get("severity"),
                score, in.get("subjectKind"), in.get("segment"), value, repeats, exposure, in.get("origin"), accountAge,
                enterprise.equals("true")), expected);
    }

    private static String optional(List<String> cells, Map<String, Integer> columns, String name) {
        Integer c = columns.get(name);
        return c == null ? "" : cells.get(c);
    }

    private Object expectation(String output, String v, int line) {
        switch (output) {
            case "action":
                try {
                    return Action.valueOf(v);
                } catch (IllegalArgumentException e) {
                    problem(line, "expect.action '" + v + "' is not one of " + List.of(Action.values()));
                    return null;
                }
            case "openCase":
                if (!v.equals("true") && !v.equals("false")) {
                    problem(line, "expect.openCase '" + v + "' must be true or false");
                }
                return Boolean.valueOf(v);
            case "priority", "blockHours":
                return whole(v, EXPECT + output, line);
            case "slaMinutes":
                return v.equals(NONE) ? null : whole(v, EXPECT + output, line);
            case "queue":
                return v.equals(NONE) ? null : v;
            default:
                return v;
        }
    }

    private Double number(String v, String column, int line) {
        if (v.isEmpty()) {
            return 0.0;
        }
        try {
            double d = new BigDecimal(v).doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(line, column + " '" + v + "' is not a number (write 0.5, not 0,5 or 50%)");
        return 0.0;
    }

    private Integer whole(String v, String column, int line) {
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            problem(line, column + " '" + v + "' is not a whole number");
            return 0;
        }
    }

    private void problem(int line, String what) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add("line " + line + ": " + what);
        }
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            cells.add(c.strip());
        }
        return cells;
    }

    static byte[] write(List<DmnScenario> scenarios, String comment) {
        StringBuilder out = new StringBuilder();
        if (comment != null) {
            comment.lines().forEach(l -> out.append("# ").append(l).append('\n'));
        }
        List<String> header = new ArrayList<>();
        header.add(NAME);
        header.addAll(INPUTS);
        header.addAll(OPTIONAL_INPUTS);
        OUTPUTS.forEach(o -> header.add(EXPECT + o));
        out.append(String.join(",", header)).append('\n');
        for (DmnScenario s : scenarios) {
            DispositionInput in = s.input();
            List<String> cells = new ArrayList<>(List.of(s.name(), in.typology(), in.ruleId(), in.severity(),
                    in.score() == null ? "" : plain(in.score()), in.subjectKind(), in.segment(), plain(in.customerValue()),
                    String.valueOf(in.repeatOffences()), plain(in.exposure()), in.origin(),
                    in.accountAgeDays() == null ? "" : String.valueOf(in.accountAgeDays()), in.enterprise() ? "true" : ""));
            for (String o : OUTPUTS) {
                if (!s.expected().containsKey(o)) {
                    cells.add("");
                } else {
                    Object v = s.expected().get(o);
                    cells.add(v == null ? NONE : v instanceof Action a ? a.name() : String.valueOf(v));
                }
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A number as an analyst writes it: 20, not 20.0. */
    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
