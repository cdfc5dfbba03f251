package io.ringfence.detection.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which names are classes, and which of those a rule may use. Existence is asked of the class loader the rules
 * compile against, as a resource lookup: nothing is loaded or initialised, and the answer is exactly what the
 * Java compiler and MVEL would find. One instance per compilation (the cache is not shared between uploads).
 */
final class ClassNames {
    private static final Set<String> SYSTEM = Set.of("System", "Runtime", "ProcessBuilder", "Process",
            "ProcessHandle", "SecurityManager", "Shutdown", "Compiler");
    private static final Set<String> REFLECTION = Set.of("Class", "ClassLoader", "ClassValue", "Module",
            "ModuleLayer", "StackWalker", "Package", "Record");
    private static final Set<String> THREADS = Set.of("Thread", "ThreadGroup", "ThreadLocal",
            "InheritableThreadLocal", "VirtualThread", "ScopedValue");

    private final ClassLoader loader;
    private final Map<String, Boolean> exists = new HashMap<>();

    ClassNames(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether a class of this binary name ({@code java.util.Map$Entry}) is on the class path. */
    boolean exists(String binaryName) {
        return exists.computeIfAbsent(binaryName,
                n -> loader.getResource(n.replace('.', '/') + ".class") != null);
    }

    /**
     * Whether rules may use this class: on the allow-lists, declared by rules, or nested in such a class.
     *
     * @param binaryName with {@code $} before a nested class's name, as the class path and class files spell it
     */
    static boolean allowed(String binaryName) {
        int nested = binaryName.indexOf('$');
        String name = nested > 0 ? binaryName.substring(0, nested) : binaryName;
        if (RulePolicy.ALLOWED_CLASSES.contains(name) || name.startsWith(RulePolicy.RULE_PACKAGE + ".")) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && RulePolicy.ALLOWED_PACKAGES.contains(name.substring(0, dot));
    }

    /** The refusal message for a class a rule may not use. */
    static String refusal(String binaryName) {
        String name = binaryName.replace('$', '.').replace('/', '.');
        return name + " is not allowed in rules (" + why(name).text + ")";
    }

    static RulePolicy.Why why(String name) {
        String simple = name.startsWith("java.lang.") ? name.substring("java.lang.".length()) : "";
        if (SYSTEM.contains(simple)) {
            return RulePolicy.Why.SYSTEM;
        }
        if (REFLECTION.contains(simple) || name.startsWith("java.lang.reflect.") || name.startsWith("java.lang.invoke.")) {
            return RulePolicy.Why.REFLECTION;
        }
        if (THREADS.contains(simple) || name.startsWith("java.util.concurrent.")) {
            return RulePolicy.Why.THREADS;
        }
        if (name.startsWith("java.io.") || name.startsWith("java.nio.") || name.startsWith("java.net.")
                || name.startsWith("javax.net.") || name.startsWith("java.sql.")) {
            return RulePolicy.Why.IO;
        }
        if (name.startsWith("org.kie.") || name.startsWith("org.drools.") || name.startsWith("io.ringfence.")) {
            return RulePolicy.Why.ENGINE;
        }
        return RulePolicy.Why.TYPE;
    }
}
