package io.ringfence.detection.sandbox;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.io.ByteArrayResource;
import org.kie.api.definition.KiePackage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an uploaded rule set may do, enforced in three steps around the build: size limits on the text, a check
 * of the parsed DRL before anything compiles ({@link DrlDescrCheck}), and a check of the compiled classes before
 * any is loaded ({@link BytecodeCheck}). The shipped rules pass through the same steps at every start.
 * docs/security.md describes the policy.
 */
public final class RuleSandbox {
    public static final int MAX_FILES = 100;
    public static final int MAX_FILE_BYTES = 512 * 1024;
    public static final int MAX_TOTAL_BYTES = 2 * 1024 * 1024;

    private final ClassNames names;

    /** @param loader the class loader the rules compile against, which decides what a name resolves to */
    public RuleSandbox(ClassLoader loader) {
        this.names = new ClassNames(loader);
    }

    /** The parsed files, by source name, or the parser's errors. */
    public record Parsed(Map<String, PackageDescr> packages, List<String> errors) {
    }

    /** Too many files or bytes, as messages; empty when within the limits. */
    public static List<String> sizeProblems(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        if (sources.size() > MAX_FILES) {
            out.add("the rule set has " + sources.size() + " files; at most " + MAX_FILES + " are accepted");
        }
        long total = 0;
        for (Map.Entry<String, String> s : sources.entrySet()) {
            int bytes = s.getValue().getBytes(StandardCharsets.UTF_8).length;
            total += bytes;
            if (bytes > MAX_FILE_BYTES) {
                out.add(s.getKey() + ": " + bytes + " bytes; a rule file may have at most " + MAX_FILE_BYTES + " bytes");
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            out.add("the rule set has " + total + " bytes; at most " + MAX_TOTAL_BYTES + " are accepted");
        }
        return out;
    }

    /** Parses each file as the compiler would; the descriptors are what gets checked and then compiled. */
    public Parsed parse(Map<String, String> sources) {
        Map<String, PackageDescr> packages = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
            ByteArrayResource resource = new ByteArrayResource(s.getValue().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(s.getKey());
            try {
                PackageDescr pkg = parser.parse(resource, s.getValue());
                if (parser.hasErrors() || pkg == null) {
                    for (DroolsError e : parser.getErrors()) {
                        errors.add(s.getKey() + " [" + lineOf(e) + "]: " + e.getMessage());
                    }
                    if (parser.getErrors().isEmpty()) {
                        errors.add(s.getKey() + ": the file does not parse");
                    }
                } else {
                    packages.put(s.getKey(), pkg);
                }
            } catch (DroolsParserException e) {
                errors.add(s.getKey() + ": " + e.getMessage());
            }
        }
        return new Parsed(packages, errors);
    }

    private static String lineOf(DroolsError e) {
        int[] lines = e.getLines();
        return lines == null || lines.length == 0 ? "0,0" : lines[0] + ",0";
    }

    /** Violations of the policy in the source, one message each; empty when the rules may be compiled. */
    public List<String> checkSources(Parsed parsed) {
        Violations out = new Violations();
        ExpressionCheck code = new ExpressionCheck(names);
        for (Map.Entry<String, PackageDescr> p : parsed.packages().entrySet()) {
            out.file(p.getKey());
            new DrlDescrCheck(code, out).check(p.getValue());
        }
        return out.list();
    }

    /** Violations of the policy in the compiled classes of the built packages; call before they are loaded. */
    public List<String> checkCompiled(Collection<KiePackage> packages, Parsed parsed) {
        Map<String, byte[]> classes = new TreeMap<>();
        for (KiePackage p : packages) {
            DialectRuntimeData data = ((InternalKnowledgePackage) p).getDialectRuntimeRegistry().getDialectData("java");
            if (data instanceof JavaDialectRuntimeData java) {
                for (Map.Entry<String, byte[]> c : java.getStore().entrySet()) {
                    String name = c.getKey().endsWith(".class")
                            ? c.getKey().substring(0, c.getKey().length() - ".class".length()) : c.getKey();
                    classes.put(name, c.getValue());
                }
            }
        }
        Violations out = new Violations();
        CompiledOrigin origin = new CompiledOrigin(parsed);
        BytecodeCheck.check(classes, (className, problem) -> {
            String[] where = origin.of(className);
            out.file(where[0]);
            out.at(where[1]);
            out.add(problem);
        });
        return out.list();
    }

    /** Which file and rule (or function) a generated class belongs to, for messages. */
    private static final class CompiledOrigin {
        private final Map<String, String[]> byCanonicalPrefix = new LinkedHashMap<>();

        CompiledOrigin(Parsed parsed) {
            for (Map.Entry<String, PackageDescr> p : parsed.packages().entrySet()) {
                for (RuleDescr r : p.getValue().getRules()) {
                    byCanonicalPrefix.put(canonical("Rule_" + r.getName()),
                            new String[] {p.getKey(), (r.isQuery() ? "query '" : "rule '") + r.getName() + "'"});
                }
                for (FunctionDescr f : p.getValue().getFunctions()) {
                    byCanonicalPrefix.put(canonical(f.getName()), new String[] {p.getKey(), "function '" + f.getName() + "'"});
                }
            }
        }

        String[] of(String internalName) {
            String simple = canonical(internalName.substring(internalName.lastIndexOf('/') + 1));
            String[] best = null;
            int bestLength = -1;
            for (Map.Entry<String, String[]> e : byCanonicalPrefix.entrySet()) {
                if (simple.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                    best = e.getValue();
                    bestLength = e.getKey().length();
                }
            }
            return best != null ? best : new String[] {"(compiled class)", internalName.replace('/', '.')};
        }

        /** Drools escapes a rule name into a class name ({@code $u58$} for ':'); letters and digits survive. */
        private static String canonical(String name) {
            return name.replaceAll("\\$u[0-9]+\\$", "").replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(java.util.Locale.ROOT);
        }
    }
}
