package io.ringfence.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.reference.ReferenceDataRepository;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What is live, on the cluster (asset_live) and on this instance, the live rule set's files, and rollback. */
@RestController
@RequestMapping(path = "/api/v1/live", produces = MediaType.APPLICATION_JSON_VALUE)
class LiveController {
    /** One kind: what the cluster must run and what this instance runs. */
    record LiveView(String kind, UUID changeId, long revision, Instant since, String setBy, String how,
                    String inForceVersion, long inForceRevision, String problem) {
    }

    /** The live decision model's version label, beside its file. */
    static final String VERSION_HEADER = "Ringfence-Version";

    private final ChangeStore store;
    private final LiveAssets live;
    private final ChangeService changes;
    private final ReferenceDataRepository reference;
    private final LiveRuleFiles ruleFiles;
    private final CustomerSegments customers;
    private final TableScenarios scenarios;

    LiveController(ChangeStore store, LiveAssets live, ChangeService changes, ReferenceDataRepository reference,
                   LiveRuleFiles ruleFiles, CustomerSegments customers, TableScenarios scenarios) {
        this.customers = customers;
        this.scenarios = scenarios;
        this.reference = reference;
        this.ruleFiles = ruleFiles;
        this.store = store;
        this.live = live;
        this.changes = changes;
    }

    @Operation(summary = "Per deployable kind: the change live on the cluster and the version this instance runs")
    @GetMapping
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    Map<String, LiveView> live() {
        Map<AssetKind, ChangeStore.Live> rows = new LinkedHashMap<>();
        store.live().forEach(l -> rows.put(l.kind(), l));
        Map<String, LiveView> out = new LinkedHashMap<>();
        live.inForce().forEach((kind, f) -> {
            ChangeStore.Live l = rows.get(kind);
            out.put(kind.id(), new LiveView(kind.id(), l == null ? null : l.changeId(), l == null ? 0 : l.revision(),
                    l == null ? null : l.since(), l == null ? null : l.setBy(), l == null ? "SHIPPED" : l.how(),
                    f.version(), f.revision(), f.problem()));
        });
        return out;
    }

    @Operation(summary = "The live rule set's DRL files, in the shape a rule set upload takes (edit and submit)")
    @GetMapping("/rules/files")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    Map<String, Object> ruleFiles() {
        AssetCompiler.RuleSetUpload u = ruleFiles.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", u.version());
        out.put("files", u.files());
        out.put("parameters", u.parameters());
        return out;
    }

    @Operation(summary = "The live rule set's parameters (thresholds and windows): every value in force, and which of "
            + "them an approved change set over the ones the service started with")
    @GetMapping("/rules/parameters")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    Map<String, Object> ruleParameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", ruleFiles.current().version());
        out.put("parameters", ruleFiles.parametersInForce());
        out.put("changed", ruleFiles.current().parameters());
        return out;
    }

    @Operation(summary = "The reference lists in force on this instance, in the shape a reference-data upload takes")
    @GetMapping("/reference-data")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    Map<String, Object> referenceData() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", reference.current().version());
        out.put("files", reference.files().asMap());
        return out;
    }

    @Operation(summary = "The customer table in force on this instance (CSV), in the shape a customer-data upload takes")
    @GetMapping(path = "/customer-data", produces = "text/csv")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ResponseEntity<String> customerData() {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(VERSION_HEADER, customers.version()).body(customers.text());
    }

    @Operation(summary = "The live decision model's file, byte for byte as it was shipped or submitted (to open in an editor)")
    @GetMapping(path = "/decision-model/content", produces = MediaType.ALL_VALUE)
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ResponseEntity<byte[]> decisionModel() {
        LiveAssets.InForce f = live.inForce().get(AssetKind.DECISION_MODEL);
        byte[] dmn = f.changeId() == null ? live.baseDecisionModelSource()
                : store.find(f.changeId()).orElseThrow(() -> new IllegalStateException(
                        "the live decision model names change " + f.changeId() + ", which is not stored")).content();
        // Served as a download like a change's content: an XHTML script in a DMN extension element must never
        // run as the analyst on this origin. The version says which one the editor opened.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"disposition.dmn\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(VERSION_HEADER, f.version())
                .body(dmn);
    }

    @Operation(summary = "The scenarios every decision model upload must pass now (CSV, the shape an upload's own "
            + "scenario file takes): those of record of the table in force")
    @GetMapping(path = "/decision-model/scenarios", produces = "text/csv")
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    ResponseEntity<byte[]> decisionModelScenarios() {
        return ChangeController.scenarioFile(scenarios.live().toCsv("Scenarios of record of the decision model in force."),
                "disposition.scenarios.csv");
    }

    @Operation(summary = "Put an earlier approved change (or 'shipped') live again at once: {\"to\": id|\"shipped\", \"note\": ...}")
    @PostMapping("/{kind}/rollback")
    @PreAuthorize("hasRole('supervisor')")
    LiveAssets.InForce rollback(@PathVariable String kind, @RequestBody(required = false) JsonNode body) {
        AssetKind k = AssetKind.byId(kind).filter(AssetKind::deployable).orElseThrow(() -> new ChangeRejected(404,
                "Not found", "no deployable kind '" + kind + "'; the kinds are rules, decision-model, scoring-model, reference-data, customer-data"));
        String to = body == null ? null : body.path("to").asText(null);
        if (to == null || to.isBlank()) {
            throw new ChangeRejected(400, "Invalid rollback", "to must be an approved change id or \"shipped\"",
                    java.util.List.of(), Map.of("field", "to"));
        }
        UUID target;
        try {
            target = "shipped".equals(to) ? null : UUID.fromString(to);
        } catch (IllegalArgumentException e) {
            throw new ChangeRejected(400, "Invalid rollback", "to must be an approved change id or \"shipped\"",
                    java.util.List.of(), Map.of("field", "to"));
        }
        return changes.rollback(k, target, Reviewer.current(), ChangeController.note(body));
    }

}
