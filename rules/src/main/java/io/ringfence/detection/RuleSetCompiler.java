package io.ringfence.detection;

import io.ringfence.detection.sandbox.RuleSandbox;
import io.ringfence.upload.UploadRejection.Reason;
import org.drools.io.DescrResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Compiles DRL into a STREAM-mode KieBase. DRL is compiled at run time, not at build time, so that a
 * rule set can be validated and swapped while the service runs; the same path serves replay.
 * Parameters are substituted first; every rule must declare ruleId, version, typology and severity,
 * except {@code @housekeeping} rules, which only maintain working memory and never raise alerts. Every rule
 * set, the shipped one included, goes through the rule sandbox ({@link RuleSandbox}), because DRL is Java.
 */
public final class RuleSetCompiler {
    public static final String INDEX = "io/ringfence/rules/ruleset.properties";

    /** The rule set shipped in this module, with its default parameters. */
    public static RuleSet compileDefault() {
        return compile(RuleParameters.defaults());
    }

    public static RuleSet compile(RuleParameters parameters) {
        return compile(defaultVersion(), defaultSources(), parameters);
    }

    /** The shipped rule set's version, from its index. */
    public static String defaultVersion() {
        return index().getProperty("version");
    }

    /** The shipped DRL text by resource name, in the index's order, parameters not yet substituted. */
    public static Map<String, String> defaultSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : index().getProperty("files").split(",")) {
            String name = "io/ringfence/rules/" + file.trim();
            try (InputStream in = resource(name)) {
                sources.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
        return sources;
    }

    private static Properties index() {
        Properties index = new Properties();
        try (InputStream in = resource(INDEX)) {
            index.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + INDEX, e);
        }
        return index;
    }

    /**
     * Compiles a rule set, shipped or uploaded, through the rule sandbox (docs/security.md): size limits, then the
     * policy check of the parsed DRL, the build, the policy check of the compiled classes, and only then the
     * knowledge base, so no uploaded code is loaded before both checks passed.
     *
     * @param sources DRL text by resource name
     * @throws RuleSetPolicyException when the sandbox refuses the rules (too large, or not allowed)
     * @throws RuleSetCompilationException when they do not compile or lack metadata
     */
    public static RuleSet compile(String version, Map<String, String> sources, RuleParameters parameters) {
        List<String> tooLarge = RuleSandbox.sizeProblems(sources);
        if (!tooLarge.isEmpty()) {
            throw new RuleSetPolicyException(Reason.TOO_LARGE, tooLarge);
        }
        List<String> problems = new ArrayList<>(parameters.windowProblems());
        problems.addAll(parameters.runtimeProblems());
        Map<String, String> drl = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            try {
                drl.put(s.getKey(), parameters.substitute(s.getKey(), s.getValue()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetCompilationException(problems);
        }
        ClassLoader loader = RuleSetCompiler.class.getClassLoader();
        RuleSandbox sandbox = new RuleSandbox(loader);
        RuleSandbox.Parsed parsed = sandbox.parse(drl);
        if (!parsed.errors().isEmpty()) {
            throw new RuleSetCompilationException(parsed.errors());
        }
        List<String> refused = sandbox.checkSources(parsed);
        if (!refused.isEmpty()) {
            throw new RuleSetPolicyException(Reason.NOT_ALLOWED, refused);
        }
        Collection<KiePackage> packages = build(parsed, loader);
        refused = sandbox.checkCompiled(packages, parsed);
        if (!refused.isEmpty()) {
            throw new RuleSetPolicyException(Reason.NOT_ALLOWED, refused);
        }
        KieBase kieBase = base(packages, loader);
        List<String> stages = RuleStages.problems(kieBase);
        if (!stages.isEmpty()) {
            throw new RuleSetCompilationException(stages);
        }
        Map<String, RuleStage> stageOf = new java.util.HashMap<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> stageOf.put(p.getName() + '/' + r.getName(),
                RuleStage.of(r))));
        RuleStages.Builder builder = new RuleStages.Builder(stage -> {
            // The text that was checked, parsed again and cut to the stage's rules: a subset of checked code.
            RuleSandbox.Parsed again = sandbox.parse(drl);
            again.packages().values().forEach(p -> p.getRules().removeIf(r -> stageOf.get(p.getName() + '/' + r.getName()) != stage));
            return base(build(again, loader), loader);
        });
        return new RuleSet(version, kieBase, parameters, describe(kieBase), builder);
    }

    private static KieBase base(Collection<KiePackage> packages, ClassLoader loader) {
        KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        configuration.setOption(EventProcessingOption.STREAM);
        // Not KieBaseMutabilityOption.DISABLED: an immutable base drops events no pattern can match, but their
        // expiry jobs are queued first and each cancellation feeds Drools's full scan of its timer queue; in
        // the streaming service that cost 8-13 % of throughput (docs/benchmarks.md, runs A1-B2).
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(configuration);
        kieBase.addPackages(packages);
        return kieBase;
    }

    /**
     * Compiles the checked descriptors themselves, not the text again, so what runs is what was checked; one
     * batch, so a type declared in one file is known in the others.
     */
    private static Collection<KiePackage> build(RuleSandbox.Parsed parsed, ClassLoader loader) {
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader);
        // Pinned, so that a JVM started with -Ddrools.dialect.default=mvel cannot turn consequences into MVEL,
        // which is interpreted and escapes the bytecode check.
        configuration.setProperty("drools.dialect.default", "java");
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        CompositeKnowledgeBuilder batch = builder.batch();
        parsed.packages().forEach((name, pkg) -> {
            DescrResource resource = new DescrResource(pkg);
            resource.setSourcePath(name);
            batch.add(resource, ResourceType.DESCR);
        });
        batch.build();
        if (builder.hasErrors()) {
            throw new RuleSetCompilationException(builder.getErrors().stream().map(RuleSetCompiler::describe).toList());
        }
        return builder.getKnowledgePackages();
    }

    private static String describe(KnowledgeBuilderError e) {
        String path = e.getResource() == null ? "" : e.getResource().getSourcePath();
        int[] lines = e.getLines();
        return path + " [" + (lines == null || lines.length == 0 ? 0 : lines[0]) + ",0]: " + e.getMessage();
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
