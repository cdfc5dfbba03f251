package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ClassFile.MemberRef;

import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The second layer for Java code: every class the Java dialect compiled (rule classes with their consequences,
 * evals and accumulate arguments, function classes, their inner classes and the generated wrappers) is read
 * back from its constant pool before any of it is loaded, and every class it names and every member it uses
 * must be on the allow-lists of {@link RulePolicy}. What the source check misses by spelling (an alias, a
 * generic, a {@code var}), the compiled code still names.
 */
final class BytecodeCheck {
    private static final String OWN_PACKAGE = RulePolicy.RULE_PACKAGE.replace('.', '/') + "/";

    private BytecodeCheck() {
    }

    /**
     * @param classes compiled classes by internal name
     * @param report  receives each class name with one problem of it
     */
    static void check(Map<String, byte[]> classes, BiConsumer<String, String> report) {
        Set<String> own = classes.keySet();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            ClassFile file;
            try {
                file = ClassFile.read(entry.getValue());
            } catch (IllegalArgumentException e) {
                report.accept(entry.getKey(), "the compiled class cannot be checked: " + e.getMessage());
                continue;
            }
            boolean invoker = file.interfaces().contains(RulePolicy.COMPILED_INVOKER);
            for (String type : file.classes()) {
                if (!typeAllowed(type, invoker, own)) {
                    report.accept(file.name(), ClassNames.refusal(type));
                }
            }
            for (MemberRef member : file.members()) {
                if (!memberAllowed(member, invoker, own)) {
                    report.accept(file.name(), member + " is not allowed in rules (" + why(member).text + ")");
                }
            }
        }
    }

    private static boolean isOwn(String type, Set<String> own) {
        return own.contains(type) || type.startsWith(OWN_PACKAGE);
    }

    static boolean typeAllowed(String type, boolean invoker, Set<String> own) {
        return isOwn(type, own) || ClassNames.allowed(type.replace('/', '.'))
                || RulePolicy.NAME_ONLY_TYPES.contains(type) || RulePolicy.ENGINE_MEMBERS.containsKey(type)
                || type.startsWith(RulePolicy.BITMASK_PACKAGE)
                || invoker && (RulePolicy.INVOKER_TYPES.contains(type) || RulePolicy.INVOKER_MEMBERS.containsKey(type));
    }

    static boolean memberAllowed(MemberRef member, boolean invoker, Set<String> own) {
        String owner = member.owner();
        if (invoker && RulePolicy.INVOKER_MEMBERS.getOrDefault(owner, Set.of()).contains(member.name())) {
            return true;
        }
        Set<String> engine = RulePolicy.ENGINE_MEMBERS.get(owner);
        if (engine != null) {
            return engine.contains(member.name());
        }
        if (owner.startsWith(RulePolicy.BITMASK_PACKAGE)) {
            return true;
        }
        if (RulePolicy.DENIED_NAMES.containsKey(member.name())) {
            return false;
        }
        return isOwn(owner, own) || ClassNames.allowed(owner.replace('/', '.'));
    }

    private static RulePolicy.Why why(MemberRef member) {
        RulePolicy.Why named = RulePolicy.DENIED_NAMES.get(member.name());
        return named != null ? named : ClassNames.why(member.owner().replace('/', '.'));
    }
}
