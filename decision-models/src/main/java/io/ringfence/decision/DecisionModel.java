package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.MatchedRow;
import io.ringfence.contract.DispositionInput;

import io.ringfence.decision.dmn.DmnSafety;
import io.ringfence.decision.dmn.DmnUpload;
import io.ringfence.upload.SafeXml;
import org.drools.io.ByteArrayResource;
import org.kie.api.io.ResourceType;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.Expression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One compiled version of the disposition model. Immutable and safe to share between threads: the
 * KIE runtime evaluates concurrently, and the rows that decided are collected per thread.
 */
public final class DecisionModel {
    public static final String DISPOSITION = "Disposition";
    public static final String ROUTING = "Case routing";
    static final String SHIPPED = "io/ringfence/decision/disposition.dmn";
    private static final DmnUpload UPLOAD = new DmnUpload();

    private final DMNRuntime runtime;
    private final DMNModel model;
    private final String version;
    private final String sha256;
    /** The file as it was given (an upload before its conversion to DMN 1.5), for an editor to open again. */
    private final byte[] source;
    private final Map<String, MatchedRow> rowsById;
    private final ThreadLocal<List<MatchedRow>> matched = ThreadLocal.withInitial(ArrayList::new);

    private DecisionModel(DMNRuntime runtime, DMNModel model, String version, String sha256, byte[] source) {
        this.runtime = runtime;
        this.model = model;
        this.version = version;
        this.sha256 = sha256;
        this.source = source.clone();
        this.rowsById = indexRows(model);
        runtime.addListener(new DMNRuntimeEventListener() {
            @Override
            public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                List<MatchedRow> sink = matched.get();
                for (String id : event.getSelectedIds()) {
                    MatchedRow row = rowsById.get(id);
                    sink.add(row != null ? row : new MatchedRow(event.getDecisionTableName(), 0, id, null));
                }
            }
        });
    }

    /** The model shipped in this jar, which replay and a fresh service start with. */
    public static DecisionModel shipped() {
        try (InputStream in = DecisionModel.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("shipped decision model missing from the classpath: " + SHIPPED);
            }
            return compile(in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles a DMN file as an analyst uploads it: the KIE editor's DMN 1.6 is converted to the 1.5 the
     * engine reads, after the size, XML safety and schema checks of {@link DmnUpload}.
     *
     * @throws DecisionModelException with the reasons the file was refused or the compiler's messages
     */
    public static DecisionModel fromUpload(byte[] uploaded, String version) {
        DmnUpload.Result result = UPLOAD.prepare(uploaded);
        if (result instanceof DmnUpload.Rejected rejected) {
            throw new DecisionModelException(rejected.reason(), "the DMN file was refused", rejected.messages());
        }
        return compile(((DmnUpload.Accepted) result).dmn(), version, uploaded);
    }

    /**
     * Compiles a DMN 1.1–1.5 file that holds the two decisions this class evaluates. Every model, shipped or
     * uploaded, first passes {@link DmnSafety} (size, no DTD, bounded structure, FEEL only, no imports): KIE's
     * own parser would fetch an external DTD, and KIE lets FEEL call static Java methods.
     *
     * @param version a label for the version (for example from the deployment), or null to use the
     *                content hash, so that two different files never share a version
     * @throws DecisionModelException with the refusal's reason, or the compiler's messages when the model has errors
     */
    public static DecisionModel compile(byte[] dmn, String version) {
        return compile(dmn, version, dmn);
    }

    private static DecisionModel compile(byte[] dmn, String version, byte[] source) {
        SafeXml.check(dmn, DmnSafety.LIMITS, DmnSafety.INSPECTOR).ifPresent(refusal -> {
            throw new DecisionModelException(refusal.reason(), "the DMN file was refused", List.of(refusal.message()));
        });
        String sha = sha256(dmn);
        ByteArrayResource resource = new ByteArrayResource(dmn, StandardCharsets.UTF_8.name());
        resource.setSourcePath("upload.dmn");
        resource.setResourceType(ResourceType.DMN);
        DMNRuntime runtime;
        try {
            runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                    .fromResources(List.of(resource))
                    .getOrElseThrow(e -> new DecisionModelException("the DMN file does not compile",
                            List.of(String.valueOf(e.getMessage()))));
        } catch (DecisionModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecisionModelException("the DMN file does not compile", List.of(String.valueOf(e.getMessage())));
        }
        if (runtime.getModels().size() != 1) {
            throw new DecisionModelException("the file must hold exactly one DMN model",
                    List.of("found " + runtime.getModels().size()));
        }
        DMNModel model = runtime.getModels().get(0);
        List<String> errors = model.getMessages(DMNMessage.Severity.ERROR).stream().map(DecisionModel::describe).toList();
        if (!errors.isEmpty()) {
            throw new DecisionModelException("the DMN model has errors", errors);
        }
        List<String> missing = new ArrayList<>();
        for (String decision : List.of(DISPOSITION, ROUTING)) {
            if (model.getDecisionByName(decision) == null) {
                missing.add("no decision named '" + decision + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new DecisionModelException("the DMN model is not a disposition model", missing);
        }
        return new DecisionModel(runtime, model, version == null ? "sha256:" + sha.substring(0, 12) : version, sha, source);
    }

    public String name() {
        return model.getName();
    }

    public String version() {
        return version;
    }

    public String sha256() {
        return sha256;
    }

    /** The exact bytes this version was made from: what an analyst edits to make the next one. */
    public byte[] source() {
        return source.clone();
    }

    /** @throws DecisionModelException when evaluation fails (for example a FEEL error in a row an analyst wrote) */
    public Disposition decide(DispositionInput in) {
        DMNContext ctx = runtime.newContext();
        ctx.set("typology", in.typology());
        ctx.set("ruleId", in.ruleId());
        ctx.set("severity", in.severity());
        ctx.set("score", in.score() == null ? null : BigDecimal.valueOf(in.score()));
        ctx.set("subjectKind", in.subjectKind());
        ctx.set("segment", in.segment());
        ctx.set("customerValue", BigDecimal.valueOf(in.customerValue()));
        ctx.set("repeatOffences", BigDecimal.valueOf(in.repeatOffences()));
        ctx.set("exposure", BigDecimal.valueOf(in.exposure()));
        ctx.set("origin", in.origin());
        // A table written before these inputs existed ignores them; null is "the CRM does not say".
        ctx.set("accountAgeDays", in.accountAgeDays() == null ? null : BigDecimal.valueOf(in.accountAgeDays()));
        ctx.set("enterprise", in.enterprise());
        List<MatchedRow> rows = matched.get();
        rows.clear();
        DMNResult result = runtime.evaluateAll(model, ctx);
        List<MatchedRow> decidedBy = List.copyOf(rows);
        rows.clear();
        if (result.hasErrors()) {
            throw new DecisionModelException("the decision model failed on " + in,
                    result.getMessages(DMNMessage.Severity.ERROR).stream().map(DecisionModel::describe).toList());
        }
        try {
            Map<?, ?> disposition = context(result, DISPOSITION);
            Map<?, ?> routing = context(result, ROUTING);
            Action action = Action.valueOf(String.valueOf(disposition.get("action")));
            boolean openCase = Boolean.TRUE.equals(disposition.get("openCase")) || action == Action.OPEN_CASE;
            int priority = intValue(disposition.get("priority"), 4);
            if (priority < 1 || priority > 9) {
                throw new IllegalArgumentException("priority " + priority + " is outside 1..9");
            }
            return new Disposition(action, openCase, priority, intValue(disposition.get("blockHours"), 0),
                    routing == null ? null : (String) routing.get("queue"),
                    routing == null || routing.get("slaMinutes") == null ? null : intValue(routing.get("slaMinutes"), 0),
                    decidedBy);
        } catch (IllegalArgumentException | ClassCastException e) {
            // KIE does not type-check outputs at run time: a row an analyst edited can return "BLOCK"
            // where an action is expected, or a number where a queue name is.
            throw new DecisionModelException("the decision model returned an answer Ringfence cannot act on for " + in,
                    List.of(e.getMessage() + " (rows " + decidedBy.stream().map(MatchedRow::id).toList() + ")"));
        }
    }

    private static Map<?, ?> context(DMNResult result, String decision) {
        DMNDecisionResult r = result.getDecisionResultByName(decision);
        Object value = r == null ? null : r.getResult();
        if (value == null && DISPOSITION.equals(decision)) {
            throw new DecisionModelException("the decision model returned no disposition",
                    List.of("no row of '" + DISPOSITION + "' matched; the table needs a last row that matches everything"));
        }
        return (Map<?, ?>) value;
    }

    private static int intValue(Object v, int otherwise) {
        return v instanceof Number n ? n.intValue() : otherwise;
    }

    private static String describe(DMNMessage m) {
        String where = m.getSourceId() == null ? "" : " [" + m.getSourceId() + "]";
        return m.getText() + where;
    }

    private static Map<String, MatchedRow> indexRows(DMNModel model) {
        Map<String, MatchedRow> rows = new HashMap<>();
        for (DecisionNode node : model.getDecisions()) {
            Expression e = node.getDecision().getExpression();
            if (e instanceof DecisionTable table) {
                List<DecisionRule> rules = table.getRule();
                for (int i = 0; i < rules.size(); i++) {
                    DecisionRule rule = rules.get(i);
                    String why = rule.getAnnotationEntry().isEmpty() ? null : rule.getAnnotationEntry().get(0).getText();
                    rows.put(rule.getId(), new MatchedRow(node.getName(), i + 1, rule.getId(), why));
                }
            }
        }
        return rows;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
