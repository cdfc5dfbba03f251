package io.ringfence.decision.dmn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.KieServices;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.model.api.DRGElement;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.InputData;
import org.kie.dmn.model.api.ItemDefinition;
import org.kie.dmn.model.api.UnaryTests;

/** Test support: compile DMN bytes with KIE 10.1, derive input levels from a model, evaluate and record. */
final class KieModels {

    private KieModels() {
    }

    static byte[] resource(String path) {
        try (InputStream in = KieModels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compiled model and the runtime that evaluates it, with the decision-table rows that last matched. */
    static final class Compiled {
        final DMNRuntime runtime;
        final DMNModel model;
        final Map<String, List<Integer>> selectedRows = new LinkedHashMap<>();

        Compiled(DMNRuntime runtime, DMNModel model) {
            this.runtime = runtime;
            this.model = model;
            runtime.addListener(new DMNRuntimeEventListener() {
                @Override
                public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                    selectedRows.put(event.getDecisionTableName(), List.copyOf(event.getSelected()));
                }
            });
        }

        List<DMNMessage> errors() {
            return model.getMessages(DMNMessage.Severity.ERROR);
        }

        /** Evaluates every decision and returns a comparable record: per decision, status, result and rows. */
        String evaluate(Map<String, Object> inputs) {
            selectedRows.clear();
            DMNContext context = runtime.newContext();
            inputs.forEach(context::set);
            DMNResult result = runtime.evaluateAll(model, context);
            StringBuilder out = new StringBuilder();
            for (DMNDecisionResult decision : result.getDecisionResults()) {
                out.append(decision.getDecisionName()).append('=').append(decision.getEvaluationStatus()).append(':')
                        .append(decision.getResult()).append("; ");
            }
            out.append("rows=").append(selectedRows);
            return out.toString();
        }
    }

    static Compiled compile(byte[] dmn, String name) {
        Resource resource = KieServices.Factory.get().getResources().newByteArrayResource(dmn);
        resource.setSourcePath(name);
        resource.setResourceType(ResourceType.DMN);
        DMNRuntime runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration().fromResources(List.of(resource))
                .getOrElseThrow(e -> new IllegalStateException("KIE did not build a runtime for " + name, e));
        if (runtime.getModels().size() != 1) {
            throw new IllegalStateException(name + ": expected one model, got " + runtime.getModels().size());
        }
        return new Compiled(runtime, runtime.getModels().get(0));
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])");

    /** One input of the model and the values worth trying for it. */
    record Dimension(String name, String baseType, List<Object> levels, int rowsTestingIt) {
    }

    /**
     * The inputs of a model and, for each, the values its own definitions and decision-table rows suggest: the string
     * literals of the rows and of the type's allowed values (plus {@code extra} for that input, plus an unlisted value
     * when the type does not restrict it), every number a row compares with and the numbers either side of it, zero
     * and null; true and false for booleans.
     */
    static List<Dimension> dimensions(DMNModel model, Map<String, List<String>> extra) {
        Map<String, ItemDefinition> itemDefinitions = new LinkedHashMap<>();
        for (ItemDefinition item : model.getDefinitions().getItemDefinition()) {
            itemDefinitions.put(item.getName(), item);
        }
        Map<String, List<String>> entriesByInput = new LinkedHashMap<>();
        for (DecisionNode node : model.getDecisions()) {
            if (node.getDecision().getExpression() instanceof DecisionTable table) {
                List<InputClause> inputs = table.getInput();
                for (DecisionRule rule : table.getRule()) {
                    List<UnaryTests> entries = rule.getInputEntry();
                    for (int i = 0; i < inputs.size(); i++) {
                        String expression = inputs.get(i).getInputExpression().getText().trim();
                        entriesByInput.computeIfAbsent(expression, k -> new ArrayList<>()).add(entries.get(i).getText());
                    }
                }
            }
        }
        Map<String, InputData> inputData = new LinkedHashMap<>();
        for (DRGElement element : model.getDefinitions().getDrgElement()) {
            if (element instanceof InputData data) {
                inputData.put(data.getId(), data);
            }
        }
        List<Dimension> dimensions = new ArrayList<>();
        List<InputDataNode> inputs = model.getInputs().stream()
                .sorted((a, b) -> a.getName().compareTo(b.getName())).collect(Collectors.toList());
        for (InputDataNode input : inputs) {
            String name = input.getName();
            String typeRef = inputData.get(input.getId()).getVariable().getTypeRef().getLocalPart();
            List<String> allowed = new ArrayList<>();
            String base = typeRef;
            for (int guard = 0; itemDefinitions.containsKey(base) && guard < 20; guard++) {
                ItemDefinition item = itemDefinitions.get(base);
                if (item.getAllowedValues() != null) {
                    allowed.add(item.getAllowedValues().getText());
                }
                base = item.getTypeRef() == null ? "context" : item.getTypeRef().getLocalPart();
            }
            List<String> entries = entriesByInput.getOrDefault(name, List.of());
            int testing = (int) entries.stream().filter(e -> !e.trim().equals("-")).count();
            Set<Object> levels = new LinkedHashSet<>();
            switch (base) {
                case "string" -> {
                    for (String text : concat(allowed, entries)) {
                        Matcher m = STRING_LITERAL.matcher(text);
                        while (m.find()) {
                            levels.add(m.group(1));
                        }
                    }
                    levels.addAll(extra.getOrDefault(name, List.of()));
                    if (allowed.isEmpty()) {
                        levels.add("UNLISTED_VALUE");
                    }
                }
                case "number" -> {
                    levels.add(null);
                    levels.add(BigDecimal.ZERO);
                    for (String text : entries) {
                        Matcher m = NUMBER.matcher(STRING_LITERAL.matcher(text).replaceAll(""));
                        while (m.find()) {
                            BigDecimal n = new BigDecimal(m.group());
                            BigDecimal step = n.abs().compareTo(BigDecimal.ONE) <= 0 && n.scale() > 0
                                    ? BigDecimal.ONE.movePointLeft(n.scale() + 1) : BigDecimal.ONE;
                            levels.add(n.subtract(step));
                            levels.add(n);
                            levels.add(n.add(step));
                        }
                    }
                }
                case "boolean" -> {
                    levels.add(Boolean.TRUE);
                    levels.add(Boolean.FALSE);
                    levels.add(null);
                }
                default -> levels.add(null);
            }
            dimensions.add(new Dimension(name, base, new ArrayList<>(levels), testing));
        }
        return dimensions;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
