package io.ringfence.detection;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ObjectType;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule set cut in two for a stream of several partitions ({@link RuleStage}): each stage's session gets a KieBase
 * holding only its own rules (and the declared types of all), so that a subscriber partition never counts a share of
 * a subject's events, and the subject stage never sees what it is not sent.
 */
public final class RuleStages {
    private RuleStages() {
    }

    /**
     * The rule set with only the stage's rules, under the same version and parameters; built once per stage, from the
     * checked source again (the compiled packages of a KieBase are its own), with every declared type.
     *
     * @throws IllegalStateException for a set with no stage builder (assembled by hand), which runs whole
     */
    public static RuleSet only(RuleSet rules, RuleStage stage) {
        if (rules.stages() == null) {
            throw new IllegalStateException("rule set " + rules.version() + " was not compiled here: it cannot be cut in stages");
        }
        KieBase base = rules.stages().base(stage);
        java.util.Set<String> kept = new java.util.HashSet<>();
        base.getKiePackages().forEach(p -> p.getRules().forEach(r -> kept.add(r.getName())));
        List<RuleSet.RuleInfo> infos = rules.rules().stream().filter(i -> kept.contains(i.name())).toList();
        // The model as an anomaly detector scores a line on all of its events and asks whether a rule explains the
        // score: only the subscriber stage has both.
        RuleParameters parameters = stage == RuleStage.SUBJECT ? rules.parameters().with("anomaly.enabled", "false")
                : rules.parameters();
        return new RuleSet(rules.version(), base, parameters, infos, null);
    }

    /** Builds a stage's KieBase on first use and keeps it: most rule sets never run in a stream of several partitions. */
    public static final class Builder {
        private final java.util.function.Function<RuleStage, KieBase> build;
        private final java.util.Map<RuleStage, KieBase> built = new java.util.EnumMap<>(RuleStage.class);

        Builder(java.util.function.Function<RuleStage, KieBase> build) {
            this.build = build;
        }

        synchronized KieBase base(RuleStage stage) {
            return built.computeIfAbsent(stage, build);
        }
    }

    /**
     * What a compiled rule set's stages get wrong: an unknown {@code @stage}, or a subject-stage rule matching an event
     * type the subject stage is never sent ({@link SubjectKeys#RECEIVED}), which would silently never fire.
     */
    static List<String> problems(KieBase kieBase) {
        List<String> problems = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                RuleStage stage;
                try {
                    stage = RuleStage.of(r);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                if (stage != RuleStage.SUBJECT || !(r instanceof RuleImpl impl)) {
                    continue;
                }
                List<Class<?>> matched = new ArrayList<>();
                eventTypes(impl.getLhs(), matched);
                for (Class<?> type : matched) {
                    if (SubjectKeys.RECEIVED.stream().noneMatch(received -> received.isAssignableFrom(type)
                            || type.isAssignableFrom(received))) {
                        problems.add("rule '" + r.getName() + "' runs in the subject stage but matches "
                                + type.getSimpleName() + ", which that stage is never sent (it receives "
                                + names() + "): run it per subscriber or match those events");
                    }
                }
            }
        }
        return problems;
    }

    private static void eventTypes(RuleConditionElement element, List<Class<?>> out) {
        if (element instanceof Pattern pattern) {
            ObjectType type = pattern.getObjectType();
            if (type instanceof ClassObjectType c && io.ringfence.event.TelecomEvent.class.isAssignableFrom(c.getClassType())) {
                out.add(c.getClassType());
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            eventTypes(nested, out);
        }
    }

    private static String names() {
        return String.join(", ", SubjectKeys.RECEIVED.stream().map(Class::getSimpleName).sorted().toList());
    }
}
