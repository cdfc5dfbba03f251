package io.ringfence.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionModel;
import io.ringfence.decision.DecisionModelException;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DmnScenarios;
import io.ringfence.decision.ScenarioFailure;
import io.ringfence.decision.ScenarioFileException;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompilationException;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.scoring.FraudModel;
import io.ringfence.scoring.ModelLoadException;
import io.ringfence.screening.HotListEdits;
import io.ringfence.reference.ReferenceData;
import io.ringfence.reference.ReferenceDataException;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.reference.ReferenceFiles;
import io.ringfence.upload.UploadRejection;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a change's content into what would run, or refuses it with the engine's own messages. The
 * same check runs when a change is submitted (the author sees at once what is wrong), when it is
 * approved, and when an instance loads it, so nothing that does not compile can go live anywhere. Compiling
 * and probing run analysts' code (FEEL, DRL through the compiler, PMML), so they run within a {@link CheckBudget}.
 */
@Component
class AssetCompiler {
    /** The thing a change puts live, with its version label. */
    record Compiled(AssetKind kind, Object value, String version) {
    }

    static final int MAX_RULE_FILES = 64;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\\.drl");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final ObjectMapper mapper;
    private final LiveRuleSet rules;
    private final HotListEdits hotLists;
    private final CheckBudget budget;
    private final TableScenarios scenarios;
    private final ReferenceDataRepository reference;
    private final CustomerSegments segments;

    AssetCompiler(ObjectMapper mapper, LiveRuleSet rules, HotListEdits hotLists, CheckBudget budget,
                  TableScenarios scenarios, ReferenceDataRepository reference, CustomerSegments segments) {
        this.mapper = mapper;
        this.segments = segments;
        this.reference = reference;
        this.rules = rules;
        this.hotLists = hotLists;
        this.budget = budget;
        this.scenarios = scenarios;
    }

    /**
     * A decision model change's scenarios of record: the live table's with those it restated, and its own added.
     *
     * @param file     the scenario file that holds them all
     * @param restated what each restated scenario expected, and expects now
     * @param added    the names of the upload's own scenarios
     */
    record ScenariosOfRecord(byte[] file, List<DmnScenarios.Restatement> restated, List<String> added) {
    }

    /** What the upload gate passed, and for a decision model the scenarios it holds to (null for other kinds). */
    record Submitted(Compiled compiled, ScenariosOfRecord scenarios) {
    }

    /**
     * As {@link #compile}, and a decision model must also decide every scenario of the live table, and those of the
     * upload's own scenario file if it has one, as they expect; except the live scenarios the upload restates,
     * which expect from then on what the draft decides. Only the upload gate runs the scenarios: approval and
     * loading re-check what is safe to run, while a scenario is a statement about the table of its day.
     *
     * @param ownScenarios the upload's scenario file (CSV), or null
     * @param restate      names of live scenarios the draft means to decide otherwise (none: an empty list)
     */
    Submitted compileSubmitted(AssetKind kind, String target, String operation, byte[] content, String version,
                               byte[] ownScenarios, List<String> restate) {
        if (kind != AssetKind.DECISION_MODEL) {
            if (ownScenarios != null || !restate.isEmpty()) {
                throw new ChangeRejected(400, "Invalid upload", "only a decision model upload may carry scenarios");
            }
            Compiled compiled = compile(kind, target, operation, content, version);
            if (kind == AssetKind.CUSTOMER_DATA && compiled.version().equals(segments.version())) {
                throw new ChangeRejected(422, "Version unchanged", "the table's version is the one in force ("
                        + compiled.version() + "): edit its '# version:' line; nothing was submitted");
            }
            if (kind == AssetKind.REFERENCE_DATA && compiled.version().equals(reference.current().version())) {
                // The version is what every alert names: two different lists under one version could not be told apart.
                throw new ChangeRejected(422, "Version unchanged", "the lists differ from those in force but their "
                        + "version does not (" + compiled.version() + "): edit the '# version:' line of each list you "
                        + "change; nothing was submitted", List.of(), Map.of("field", "files"));
            }
            return new Submitted(compiled, null);
        }
        DmnScenarios live = scenarios.live();
        DmnScenarios own;
        try {
            own = ownScenarios == null ? null : DmnScenarios.parse(ownScenarios);
            if (own != null) {
                live.and(own);
            }
        } catch (ScenarioFileException e) {
            throw refused(e, "Scenario file", "the upload's scenario file cannot be used (each message names its line); "
                    + "nothing was submitted");
        }
        checkVersion(version);
        record Checked(DecisionModel model, DmnScenarios.Restated restated, DmnScenarios all, DmnScenarios.Outcome outcome,
                       byte[] file) {
        }
        Checked checked;
        try {
            checked = budget.run("Decision model", () -> {
                DecisionModel model = DecisionAssets.checked(content, version);
                DmnScenarios.Restated restated;
                try {
                    restated = live.restatedBy(model, restate);
                } catch (ScenarioFileException e) {
                    throw refused(e, "Scenario restatement", "the scenarios named to restate cannot be (each message "
                            + "names one); nothing was submitted");
                }
                DmnScenarios all = own == null ? restated.scenarios() : restated.scenarios().and(own);
                DmnScenarios.Outcome outcome = all.run(model);
                byte[] file = outcome.passed() && !all.scenarios().isEmpty() ? storable(all, model) : null;
                return new Checked(model, restated, all, outcome, file);
            });
        } catch (DecisionModelException e) {
            throw refused(e, "Decision model", DECISION_MODEL_REFUSED);
        }
        List<ScenarioFailure> failures = checked.outcome().failures();
        if (!failures.isEmpty()) {
            throw new ChangeRejected(422, "Decision model breaks scenarios", "the draft decides " + failures.size()
                    + " of " + checked.outcome().scenarios() + " scenarios otherwise than they expect: "
                    + failures.stream().map(f -> "'" + f.scenario() + "'").collect(java.util.stream.Collectors.joining(", "))
                    + "; restate those it means to decide otherwise, or fix the table; nothing was submitted",
                    failures.stream().map(ScenarioFailure::message).toList(),
                    Map.of("reason", "SCENARIOS", "failedScenarios", failures.stream().map(AssetCompiler::failure).toList()));
        }
        Compiled compiled = new Compiled(AssetKind.DECISION_MODEL, checked.model(), checked.model().version());
        if (checked.file() == null) {
            return new Submitted(compiled, null);
        }
        List<String> added = own == null ? List.of() : own.scenarios().stream().map(io.ringfence.decision.DmnScenario::name).toList();
        return new Submitted(compiled, new ScenariosOfRecord(checked.file(), checked.restated().restatements(), added));
    }

    /**
     * The scenarios as the file the change stores, read back and compared: a value the draft decides that a
     * scenario file cannot hold (a queue with a comma, an empty one that would read as "not checked") must fail
     * here, not at the next upload's gate or by checking less.
     */
    private static byte[] storable(DmnScenarios all, DecisionModel model) {
        byte[] file = all.toCsv("Scenarios of record of decision model " + model.version() + ".");
        try {
            List<io.ringfence.decision.DmnScenario> back = DmnScenarios.parse(file).scenarios();
            boolean same = back.size() == all.scenarios().size();
            for (int i = 0; same && i < back.size(); i++) {
                io.ringfence.decision.DmnScenario a = all.scenarios().get(i);
                io.ringfence.decision.DmnScenario b = back.get(i);
                same = a.name().equals(b.name()) && a.input().equals(b.input()) && a.expected().equals(b.expected());
            }
            if (same) {
                return file;
            }
        } catch (ScenarioFileException e) {
            throw refused(e, "Scenario file", "the scenarios this change would hold cannot be written as a "
                    + "scenario file (each message names a line of it); nothing was submitted");
        }
        throw new ChangeRejected(422, "Scenarios not storable", "the scenarios this change would hold do not read back "
                + "as they were checked (a value the table decides cannot be written in a scenario file); nothing was submitted");
    }

    private static Map<String, Object> failure(ScenarioFailure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", f.scenario());
        m.put("line", f.line());
        m.put("input", f.input());
        List<Map<String, String>> mismatches = new ArrayList<>();
        f.mismatches().forEach(x -> mismatches.add(Map.of("output", x.output(), "expected", x.expected(), "actual", x.actual())));
        m.put("mismatches", mismatches);
        return m;
    }

    Compiled compile(AssetKind kind, String target, String operation, byte[] content, String version) {
        return switch (kind) {
            case RULES -> rules(content);
            case DECISION_MODEL -> decisionModel(content, version);
            case SCORING_MODEL -> scoringModel(content);
            case REFERENCE_DATA -> referenceData(content);
            case CUSTOMER_DATA -> customerData(content);
            case HOT_LIST -> hotList(target, operation, content);
        };
    }

    /**
     * A rule set upload: {@code {"version": "...", "files": {"name.drl": "DRL text", ...}, "parameters": {...}}}, files
     * in compile order; {@code parameters} (optional) sets rule parameters over the ones the service started with.
     */
    record RuleSetUpload(String version, Map<String, String> files, Map<String, String> parameters) {
    }

    private static final Pattern PARAMETER_VALUE = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    RuleSetUpload readRuleSet(byte[] json) {
        JsonNode root;
        try {
            // Trailing content after the object is refused: what is stored and shown must be what was parsed.
            root = mapper.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(json);
        } catch (IOException e) {
            throw new ChangeRejected(400, "Invalid rule set upload", "the body is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ChangeRejected(400, "Invalid rule set upload", "the body must be a JSON object with version and files");
        }
        String version = root.path("version").asText("");
        if (!VERSION.matcher(version).matches()) {
            throw new ChangeRejected(400, "Invalid rule set upload",
                    "version must be 1-64 letters, digits or . _ + - (found '" + version + "')", List.of(), Map.of("field", "version"));
        }
        JsonNode files = root.path("files");
        if (!files.isObject() || files.isEmpty() || files.size() > MAX_RULE_FILES) {
            throw new ChangeRejected(400, "Invalid rule set upload", "files must map 1-" + MAX_RULE_FILES
                    + " file names to DRL text", List.of(), Map.of("field", "files"));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!FILE_NAME.matcher(f.getKey()).matches() || !f.getValue().isTextual()) {
                throw new ChangeRejected(400, "Invalid rule set upload", "'" + f.getKey()
                        + "' must be a file name ending in .drl mapped to DRL text", List.of(), Map.of("field", "files"));
            }
            sources.put(f.getKey(), f.getValue().asText());
        }
        return new RuleSetUpload(version, sources, parameters(root.path("parameters")));
    }

    /** The upload's parameter values, each a name the rules know and a plain value (a number or a duration). */
    private Map<String, String> parameters(JsonNode p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p.isMissingNode() || p.isNull()) {
            return out;
        }
        if (!p.isObject()) {
            throw new ChangeRejected(400, "Invalid rule set upload", "parameters must map parameter names to values",
                    List.of(), Map.of("field", "parameters"));
        }
        Map<String, String> known = rules.base().parameters().asMap();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.containsKey(e.getKey())) {
                throw new ChangeRejected(400, "Invalid rule set upload", "unknown rule parameter '"
                        + io.ringfence.web.Text.printable(e.getKey()) + "'", List.of(), Map.of("field", "parameters"));
            }
            String value = e.getValue().isValueNode() ? e.getValue().asText() : "";
            if (!PARAMETER_VALUE.matcher(value).matches()) {
                throw new ChangeRejected(400, "Invalid rule set upload", "parameter '" + e.getKey() + "' must be a "
                        + "number or a duration such as 30m (1-64 letters, digits or . _ + -)", List.of(),
                        Map.of("field", "parameters"));
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private Compiled rules(byte[] content) {
        RuleSetUpload upload = readRuleSet(content);
        try {
            // The service's configured parameters, with the upload's values over them.
            RuleParameters parameters = rules.base().parameters();
            for (Map.Entry<String, String> p : upload.parameters().entrySet()) {
                parameters = parameters.with(p.getKey(), p.getValue());
            }
            List<String> windows = parameters.windowProblems();
            if (!windows.isEmpty()) {
                throw new ChangeRejected(422, "Rule parameters refused", "a window would be longer than the events it "
                        + "slides over are kept; nothing was submitted", windows, Map.of("field", "parameters"));
            }
            RuleParameters chosen = parameters;
            RuleSet set = budget.run("Rule set",
                    () -> RuleSetCompiler.compile(upload.version(), upload.files(), chosen));
            return new Compiled(AssetKind.RULES, set, set.version());
        } catch (RuleSetCompilationException e) {
            throw refused(e, "Rule set", "the rule set is too large, breaks the rule policy (docs/security.md) or does "
                    + "not compile; nothing was submitted");
        } catch (IllegalArgumentException e) {
            throw new ChangeRejected(422, "Rule set refused", e.getMessage());
        }
    }

    private static final String DECISION_MODEL_REFUSED = "the decision model is too large, asks for something uploads "
            + "may not do, does not compile or does not answer the probes; nothing was submitted";

    private static void checkVersion(String version) {
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new ChangeRejected(400, "Invalid decision model upload",
                    "version must be 1-64 letters, digits or . _ + -", List.of(), Map.of("field", "version"));
        }
    }

    private Compiled decisionModel(byte[] content, String version) {
        checkVersion(version);
        try {
            DecisionModel model = budget.run("Decision model", () -> DecisionAssets.checked(content, version));
            return new Compiled(AssetKind.DECISION_MODEL, model, model.version());
        } catch (DecisionModelException e) {
            throw refused(e, "Decision model", DECISION_MODEL_REFUSED);
        }
    }

    private Compiled scoringModel(byte[] content) {
        try {
            FraudModel model = budget.run("Scoring model", () -> FraudModel.load(content));
            return new Compiled(AssetKind.SCORING_MODEL, model, model.version());
        } catch (ModelLoadException e) {
            throw refused(e, "Scoring model", "the PMML is too large, asks for something uploads may not do or cannot "
                    + "be used; nothing was submitted");
        }
    }

    /** 413 for a size limit, else 422; the title says whether the upload was unsafe or only unusable. */
    private static ChangeRejected refused(RuntimeException e, String what, String detail) {
        UploadRejection r = (UploadRejection) e;
        int status = r.reason() == UploadRejection.Reason.TOO_LARGE ? 413 : 422;
        String title = what + (r.reason() == UploadRejection.Reason.NOT_ALLOWED ? " not allowed" : " refused");
        List<String> messages = r.messages().isEmpty() ? List.of(e.getMessage()) : r.messages();
        return new ChangeRejected(status, title, detail, messages, Map.of("reason", r.reason().name()));
    }

    /**
     * A reference-data change as stored: {@code {"files": {name: text}}} with all three lists (the controller fills
     * in the ones an upload left out from the lists in force, so that what is approved is what was checked). The
     * lists go through the same checks as files read from a folder, within the check budget (a list compiles into
     * a digit automaton).
     */
    private Compiled referenceData(byte[] content) {
        ReferenceFiles files = readReferenceFiles(content);
        try {
            ReferenceData data = budget.run("Reference data", () -> reference.check(files, ""));
            return new Compiled(AssetKind.REFERENCE_DATA, new ReferenceVersion(data, files), data.version());
        } catch (ReferenceDataException e) {
            throw new ChangeRejected(422, "Reference data refused", "a list does not load (the message names the file "
                    + "and line); nothing was submitted", List.of(e.getMessage()), Map.of("reason", "INVALID"));
        }
    }

    /** A customer table as CSV text ({@code msisdnPrefix,segment,monthlyValue,note}), checked like the file. */
    private Compiled customerData(byte[] content) {
        try {
            CustomerSegments table = budget.run("Customer data",
                    () -> CustomerSegments.parse(CustomerSegments.FILE, new String(content, StandardCharsets.UTF_8)));
            return new Compiled(AssetKind.CUSTOMER_DATA, table, table.version());
        } catch (ReferenceDataException e) {
            throw new ChangeRejected(422, "Customer data refused", "the table does not load (the message names the "
                    + "line); nothing was submitted", List.of(e.getMessage()), Map.of("reason", "INVALID"));
        }
    }

    /** Reads {@code {"files": {name: text, ...}}}: any of the three lists, by their names only. */
    Map<String, String> readReferenceUpload(byte[] json) {
        JsonNode root;
        try {
            root = mapper.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(json);
        } catch (IOException e) {
            throw new ChangeRejected(400, "Invalid reference data upload", "the body is not JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        JsonNode files = root == null ? null : root.path("files");
        if (files == null || !files.isObject() || files.isEmpty()) {
            throw new ChangeRejected(400, "Invalid reference data upload", "the body must be {\"files\": {name: CSV text}} "
                    + "with one or more of " + ReferenceFiles.NAMES, List.of(), Map.of("field", "files"));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!ReferenceFiles.NAMES.contains(f.getKey()) || !f.getValue().isTextual()) {
                throw new ChangeRejected(400, "Invalid reference data upload", "'" + io.ringfence.web.Text.printable(f.getKey())
                        + "' must be one of " + ReferenceFiles.NAMES + " mapped to its CSV text", List.of(),
                        Map.of("field", "files"));
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    private ReferenceFiles readReferenceFiles(byte[] json) {
        Map<String, String> files = readReferenceUpload(json);
        if (files.size() != ReferenceFiles.NAMES.size()) {
            throw new ChangeRejected(422, "Reference data refused", "a stored reference-data change holds all of "
                    + ReferenceFiles.NAMES);
        }
        return new ReferenceFiles(files.get(ReferenceFiles.NAMES.get(0)), files.get(ReferenceFiles.NAMES.get(1)),
                files.get(ReferenceFiles.NAMES.get(2)));
    }

    private Compiled hotList(String list, String operation, byte[] content) {
        HotListEdits.Operation op = HotListEdits.Operation.valueOf(operation);
        String body = new String(content, StandardCharsets.UTF_8);
        HotListEdits.Refusal refusal = hotLists.check(list, op, body);
        if (refusal != null) {
            throw new ChangeRejected(refusal.status(), refusal.title(), refusal.detail(), List.of(), refusal.properties());
        }
        return new Compiled(AssetKind.HOT_LIST, body, null);
    }
}
