package io.ringfence.detection;

import org.kie.api.KieBase;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.internal.utils.KieHelper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Compiles DRL into a STREAM-mode KieBase. DRL is compiled at run time, not at build time, so that a
 * rule set can be validated and swapped while the service runs; the same path serves replay.
 * Parameters are substituted first; every rule must declare ruleId, version, typology and severity,
 * except {@code @housekeeping} rules, which only maintain working memory and never raise alerts.
 */
public final class RuleSetCompiler {
    public static final String INDEX = "io/ringfence/rules/ruleset.properties";

    /** The rule set shipped in this module, with its default parameters. */
    public static RuleSet compileDefault() {
        return compile(RuleParameters.defaults());
    }

    public static RuleSet compile(RuleParameters parameters) {
        Properties index = new Properties();
        try (InputStream in = resource(INDEX)) {
            index.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + INDEX, e);
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : index.getProperty("files").split(",")) {
            String name = "io/ringfence/rules/" + file.trim();
            try (InputStream in = resource(name)) {
                sources.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
        return compile(index.getProperty("version"), sources, parameters);
    }

    /** @param sources DRL text by resource name */
    public static RuleSet compile(String version, Map<String, String> sources, RuleParameters parameters) {
        KieHelper helper = new KieHelper();
        List<String> problems = new ArrayList<>(parameters.windowProblems());
        for (Map.Entry<String, String> s : sources.entrySet()) {
            try {
                helper.addContent(parameters.substitute(s.getKey(), s.getValue()), s.getKey());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetCompilationException(problems);
        }
        Results results = helper.verify();
        List<String> errors = results.getMessages(Message.Level.ERROR).stream()
                .map(m -> m.getPath() + " [" + m.getLine() + "," + m.getColumn() + "]: " + m.getText())
                .toList();
        if (!errors.isEmpty()) {
            throw new RuleSetCompilationException(errors);
        }
        KieBase kieBase = helper.build(EventProcessingOption.STREAM);
        return new RuleSet(version, kieBase, parameters, describe(kieBase));
    }

    private static List<RuleSet.RuleInfo> describe(KieBase kieBase) {
        List<RuleSet.RuleInfo> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                Map<String, Object> m = r.getMetaData();
                if (m.containsKey("housekeeping")) {
                    continue;
                }
                for (String key : List.of("ruleId", "version", "typology", "severity")) {
                    if (!m.containsKey(key)) {
                        missing.add("rule '" + r.getName() + "' has no @" + key + " metadata");
                    }
                }
                if (m.containsKey("typology")) {
                    try {
                        Typology.valueOf(String.valueOf(m.get("typology")));
                        Severity.valueOf(String.valueOf(m.get("severity")));
                    } catch (IllegalArgumentException e) {
                        missing.add("rule '" + r.getName() + "': " + e.getMessage());
                    }
                }
                out.add(new RuleSet.RuleInfo(r.getName(), str(m.get("ruleId")), str(m.get("version")),
                        str(m.get("typology")), str(m.get("severity"))));
            }
        }
        if (!missing.isEmpty()) {
            throw new RuleSetCompilationException(missing);
        }
        out.sort(Comparator.comparing(RuleSet.RuleInfo::ruleId, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = RuleSetCompiler.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath");
        }
        return in;
    }
}
