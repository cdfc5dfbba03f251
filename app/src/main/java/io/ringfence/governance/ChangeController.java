package io.ringfence.governance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Submitting and reviewing changes to rule sets, decision models and scoring models (hot-list edits
 * are submitted at {@code /api/v1/hotlists} and reviewed here). See docs/governance.md.
 */
@RestController
@RequestMapping(path = "/api/v1/changes", produces = MediaType.APPLICATION_JSON_VALUE)
class ChangeController {
    static final int MAX_RULE_SET_BYTES = 2 * 1024 * 1024;
    static final int MAX_DECISION_MODEL_BYTES = 2 * 1024 * 1024;
    /** As {@code io.ringfence.decision.ScenarioFile}'s limit: a few thousand scenarios. */
    static final int MAX_SCENARIO_BYTES = 256 * 1024;
    static final int MAX_SCORING_MODEL_BYTES = 20 * 1024 * 1024;
    static final int MAX_PARAMETERS_BYTES = 64 * 1024;
    /** About 800,000 lines: a table per line of a large network is loaded from a file (docs/integration.md). */
    static final int MAX_CUSTOMER_DATA_BYTES = 32 * 1024 * 1024;
    private static final int MAX_LIST = 500;

    private final ChangeService changes;
    private final ChangeStore store;
    private final ObjectProvider<ChangeBacktests> backtests;
    private final LiveRuleFiles ruleFiles;
    private final ObjectMapper mapper;

    ChangeController(ChangeService changes, ChangeStore store, ObjectProvider<ChangeBacktests> backtests,
                     LiveRuleFiles ruleFiles, ObjectMapper mapper) {
        this.ruleFiles = ruleFiles;
        this.mapper = mapper;
        this.changes = changes;
        this.store = store;
        this.backtests = backtests;
    }

    @Operation(summary = "Changes, newest first, filtered by kind and status; drafts are listed to their author only. Every"
            + " upload endpoint takes draft=true to keep the upload as your private draft (backtest it, then submit it)")
    @GetMapping
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    List<ChangeView> list(@RequestParam(required = false) String kind, @RequestParam(required = false) String status,
                          @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new ChangeRejected(400, "Invalid request", "limit must be 1-" + MAX_LIST);
        }
        return store.list(kind == null ? null : kind(kind), status == null ? null : status(status), limit, Reviewer.current())
                .stream().map(ChangeView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ChangeView one(@PathVariable UUID id) {
        AssetChange c = find(id);
        ChangeView view = store.scenarios(c.changeId()).map(sc -> ChangeView.of(c).withScenarios(scenarioView(c, sc)))
                .orElseGet(() -> ChangeView.of(c));
        ChangeBacktests b = backtests.getIfAvailable();
        return b == null ? view : b.latest(id).map(view::withBacktest).orElse(view);
    }

    private Map<String, Object> scenarioView(AssetChange c, ChangeStore.Scenarios s) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        try {
            v.put("restated", mapper.readTree(s.restatementsJson()));
            v.put("added", mapper.readTree(s.addedJson()));
        } catch (IOException e) {
            throw new IllegalStateException("the stored scenarios of change " + c.changeId() + " are not JSON", e);
        }
        v.put("file", "/api/v1/changes/" + c.changeId() + "/scenarios");
        return v;
    }

    @Operation(summary = "The change's content as submitted (DRL set as JSON, DMN or PMML XML, hot-list CSV)")
    @GetMapping(path = "/{id}/content", produces = MediaType.ALL_VALUE)
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ResponseEntity<byte[]> content(@PathVariable UUID id) {
        AssetChange c = find(id);
        MediaType type = switch (c.kind()) {
            case RULES, REFERENCE_DATA -> MediaType.APPLICATION_JSON;
            case DECISION_MODEL, SCORING_MODEL -> MediaType.APPLICATION_XML;
            case HOT_LIST, CUSTOMER_DATA -> new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
        };
        // The content is the author's, not Ringfence's: a browser must save it, never render it (an XHTML
        // script in a DMN extension element would otherwise run as the reviewer on this origin).
        return ResponseEntity.ok().contentType(type)
                .header("Content-Disposition", "attachment; filename=\"change-" + c.changeId() + extension(c.kind()) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(c.content());
    }

    @Operation(summary = "Submit a rule set: {\"version\": ..., \"files\": {\"name.drl\": DRL text}}; compiled and checked at once;"
            + " mode=shadow runs it beside the live rules once approved")
    @PostMapping(path = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> rules(HttpServletRequest request, @RequestParam(required = false) String summary,
                                     @RequestParam(required = false) String mode) throws IOException {
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_RULE_SET_BYTES, "a rule set upload");
        return created(changes.submit(AssetKind.RULES, AssetKind.RULES.id(), operation(mode), body, null, summary,
                Reviewer.current()));
    }

    @Operation(summary = "Change rule parameters: {\"version\": ..., \"parameters\": {name: value}}; submitted as a rule "
            + "set: the live files, with these values over the parameters in force")
    @PostMapping(path = "/rule-parameters", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> ruleParameters(HttpServletRequest request, @RequestParam(required = false) String summary,
                                              @RequestParam(required = false) String mode) throws IOException {
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_PARAMETERS_BYTES, "a rule parameter change");
        JsonNode root;
        try {
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw new ChangeRejected(400, "Invalid rule parameter change", "the body is not JSON");
        }
        if (root == null || !root.path("parameters").isObject() || root.path("parameters").isEmpty()) {
            throw new ChangeRejected(400, "Invalid rule parameter change", "the body must be {\"version\": ..., "
                    + "\"parameters\": {name: value, ...}} with one or more parameters", List.of(),
                    java.util.Map.of("field", "parameters"));
        }
        AssetCompiler.RuleSetUpload live = ruleFiles.current();
        java.util.Map<String, String> inForce = ruleFiles.parametersInForce();
        java.util.Map<String, Object> parameters = new java.util.LinkedHashMap<>(live.parameters());
        boolean changed = false;
        for (var it = root.path("parameters").fields(); it.hasNext(); ) {
            var p = it.next();
            String value = p.getValue().isValueNode() ? p.getValue().asText() : null;
            changed |= value == null || !value.equals(inForce.get(p.getKey()));
            parameters.put(p.getKey(), p.getValue());
        }
        if (!changed) {
            throw new ChangeRejected(422, "Nothing changed", "every parameter sent already has that value in force");
        }
        java.util.Map<String, Object> upload = new java.util.LinkedHashMap<>();
        upload.put("version", root.path("version"));
        upload.put("files", live.files());
        upload.put("parameters", parameters);
        String why = summary != null && !summary.isBlank() ? summary : "rule parameters: " + root.path("parameters");
        return created(changes.submit(AssetKind.RULES, AssetKind.RULES.id(), operation(mode), mapper.writeValueAsBytes(upload),
                null, why.length() > 500 ? why.substring(0, 497) + "..." : why, Reviewer.current()));
    }

    @Operation(summary = "Submit the customer table from the CRM or billing: CSV msisdnPrefix,segment,monthlyValue,note "
            + "with a new '# version:' line; checked at once, in force on every instance once approved")
    @PostMapping(path = "/customer-data", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> customerData(HttpServletRequest request, @RequestParam(required = false) String summary)
            throws IOException {
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_CUSTOMER_DATA_BYTES, "a customer table");
        return created(changes.submit(AssetKind.CUSTOMER_DATA, AssetKind.CUSTOMER_DATA.id(), "DEPLOY", body, null,
                summary, Reviewer.current()));
    }

    @Operation(summary = "Submit a decision model (DMN 1.1-1.6 XML); compiled, probed and run on the live table's "
            + "scenarios at once. As multipart/form-data: part 'model' (the DMN), an optional part 'scenarios' "
            + "(a scenario CSV the draft must pass as well) and an optional part 'restate' (names of live scenarios, "
            + "one per line, that the draft means to decide otherwise: they are restated as it decides them)")
    @PostMapping(path = "/decision-model", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> decisionModel(HttpServletRequest request, @RequestParam(required = false) String version,
                                             @RequestParam(required = false) String summary,
                                             @RequestParam(required = false) String mode) throws IOException {
        byte[] body;
        byte[] scenarios = null;
        List<String> restate = List.of();
        if (MediaType.MULTIPART_FORM_DATA.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
            body = BoundedBody.read(part(request, "model", true).getInputStream(), MAX_DECISION_MODEL_BYTES,
                    "a decision model upload");
            Part own = part(request, "scenarios", false);
            if (own != null) {
                scenarios = BoundedBody.read(own.getInputStream(), MAX_SCENARIO_BYTES, "a scenario file");
            }
            Part names = part(request, "restate", false);
            if (names != null) {
                restate = RestatedNames.read(BoundedBody.read(names.getInputStream(), MAX_SCENARIO_BYTES,
                        "the names of the scenarios to restate"));
            }
        } else {
            body = BoundedBody.read(request.getInputStream(), MAX_DECISION_MODEL_BYTES, "a decision model upload");
        }
        return created(changes.submit(AssetKind.DECISION_MODEL, AssetKind.DECISION_MODEL.id(), operation(mode), body, version,
                summary, Reviewer.current(), scenarios, restate));
    }

    @Operation(summary = "A decision model change's scenarios of record (CSV): the live table's as it restated them, "
            + "and those it added; 404 when it has none")
    @GetMapping(path = "/{id}/scenarios", produces = "text/csv")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ResponseEntity<byte[]> scenarios(@PathVariable UUID id) {
        AssetChange c = find(id);
        ChangeStore.Scenarios s = store.scenarios(c.changeId()).orElseThrow(() -> new ChangeRejected(404, "No scenarios",
                "change " + id + " holds no scenarios of record (it is not a decision model, or predates them)"));
        return scenarioFile(s.file(), "change-" + c.changeId() + ".scenarios.csv");
    }

    static ResponseEntity<byte[]> scenarioFile(byte[] csv, String name) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(csv);
    }

    private static Part part(HttpServletRequest request, String name, boolean required) throws IOException {
        Part p;
        try {
            p = request.getPart(name);
        } catch (jakarta.servlet.ServletException | IllegalStateException e) {
            throw new ChangeRejected(400, "Invalid decision model upload", "the multipart body cannot be read");
        }
        if (p == null && required) {
            throw new ChangeRejected(400, "Invalid decision model upload", "a multipart upload needs a part named '"
                    + name + "' (the DMN file); 'scenarios' (a scenario CSV) is optional", List.of(), java.util.Map.of("field", name));
        }
        return p;
    }

    @Operation(summary = "Submit a scoring model (PMML XML); loaded and trial-scored at once")
    @PostMapping(path = "/scoring-model", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> scoringModel(HttpServletRequest request, @RequestParam(required = false) String summary,
                                            @RequestParam(required = false) String mode) throws IOException {
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_SCORING_MODEL_BYTES, "a scoring model upload");
        return created(changes.submit(AssetKind.SCORING_MODEL, AssetKind.SCORING_MODEL.id(), operation(mode), body, null,
                summary, Reviewer.current()));
    }

    /** {@code mode=live} (the default) deploys on approval; {@code mode=shadow} runs the model in shadow instead. */
    private static String operation(String mode) {
        if (mode == null || mode.isBlank() || mode.equals("live")) {
            return "DEPLOY";
        }
        if (mode.equals("shadow")) {
            return ShadowSteps.SHADOW;
        }
        throw new ChangeRejected(400, "Invalid upload", "mode must be 'live' or 'shadow' (found '" + mode + "')",
                List.of(), java.util.Map.of("field", "mode"));
    }

    @Operation(summary = "Submit the promotion of what runs in shadow (rules, decision-model or scoring-model): once approved "
            + "it is live and nothing of its kind runs in shadow")
    @PostMapping("/shadow/{kind}/promote")
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> promote(@PathVariable String kind, @RequestBody(required = false) JsonNode body) {
        return created(changes.submitShadowStep(shadowKind(kind), ShadowSteps.PROMOTE, summary(body), Reviewer.current()));
    }

    @Operation(summary = "Submit the end of a shadow run (rules, decision-model or scoring-model): once approved the model "
            + "stops answering beside the live one; the live model is untouched")
    @PostMapping("/shadow/{kind}/end")
    @PreAuthorize("hasRole('fraud-analyst')")
    ResponseEntity<ChangeView> endShadow(@PathVariable String kind, @RequestBody(required = false) JsonNode body) {
        return created(changes.submitShadowStep(shadowKind(kind), ShadowSteps.END, summary(body), Reviewer.current()));
    }

    private static AssetKind shadowKind(String id) {
        return AssetKind.byId(id).filter(ShadowSteps::canShadow).orElseThrow(() -> new ChangeRejected(404, "Not found",
                "only rules, decision-model and scoring-model run in shadow (found '" + id + "')"));
    }

    private static String summary(JsonNode body) {
        if (body == null || body.isNull() || body.path("summary").isMissingNode() || body.path("summary").isNull()) {
            return null;
        }
        if (!body.isObject() || !body.path("summary").isTextual()) {
            throw new ChangeRejected(400, "Invalid change", "summary must be text");
        }
        return body.path("summary").asText();
    }

    @Operation(summary = "Approve a pending change (not your own): it goes live")
    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ChangeView approve(@PathVariable UUID id, @RequestBody(required = false) JsonNode body) {
        return ChangeView.of(changes.approve(id, Reviewer.current(), note(body)));
    }

    @Operation(summary = "Reject a pending change (not your own), with a note saying why")
    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ChangeView reject(@PathVariable UUID id, @RequestBody(required = false) JsonNode body) {
        return ChangeView.of(changes.reject(id, Reviewer.current(), note(body)));
    }

    @Operation(summary = "Submit your own draft for review: pending from now on, with the backtests you ran on it")
    @PostMapping("/{id}/submit")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ChangeView submitDraft(@PathVariable UUID id) {
        return ChangeView.of(changes.submitDraft(id, Reviewer.current()));
    }

    @Operation(summary = "Withdraw your own pending change, or discard your draft")
    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    ChangeView withdraw(@PathVariable UUID id) {
        return ChangeView.of(changes.withdraw(id, Reviewer.current()));
    }

    private static String extension(AssetKind kind) {
        return switch (kind) {
            case RULES, REFERENCE_DATA -> ".json";
            case DECISION_MODEL -> ".dmn";
            case SCORING_MODEL -> ".pmml";
            case HOT_LIST, CUSTOMER_DATA -> ".csv";
        };
    }

    static ResponseEntity<ChangeView> created(AssetChange c) {
        return ResponseEntity.created(URI.create("/api/v1/changes/" + c.changeId())).body(ChangeView.of(c));
    }

    static String note(JsonNode body) {
        if (body == null || body.isNull()) {
            return null;
        }
        JsonNode n = body.path("note");
        if (!n.isMissingNode() && !n.isNull() && !n.isTextual()) {
            throw new ChangeRejected(400, "Invalid review", "note must be text");
        }
        String note = n.isTextual() ? n.asText() : null;
        if (note != null && note.length() > 2000) {
            throw new ChangeRejected(400, "Invalid review", "note is limited to 2000 characters");
        }
        return note;
    }

    /** Someone else's draft is not found: it exists for its author only. */
    private AssetChange find(UUID id) {
        String viewer = Reviewer.current();
        return store.find(id).filter(c -> c.visibleTo(viewer))
                .orElseThrow(() -> new ChangeRejected(404, "Not found", "no change " + id));
    }

    private static AssetKind kind(String id) {
        return AssetKind.byId(id).orElseThrow(() -> new ChangeRejected(400, "Invalid request",
                "kind must be one of rules, decision-model, scoring-model, hot-list"));
    }

    private static AssetChange.Status status(String s) {
        try {
            return AssetChange.Status.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ChangeRejected(400, "Invalid request", "status must be one of DRAFT, PENDING, APPROVED, REJECTED, WITHDRAWN, DISCARDED");
        }
    }
}
