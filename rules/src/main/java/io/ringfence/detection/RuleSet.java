package io.ringfence.detection;

import org.kie.api.KieBase;

import java.util.List;

/**
 * A compiled, versioned rule set: the KieBase plus what produced it, and, for a stream of several partitions, how to
 * build each {@link RuleStage}'s part of it ({@code stages}; null for a set assembled by hand, which runs whole).
 */
public record RuleSet(String version, KieBase kieBase, RuleParameters parameters, List<RuleInfo> rules,
                      RuleStages.Builder stages) {

    public RuleSet(String version, KieBase kieBase, RuleParameters parameters, List<RuleInfo> rules) {
        this(version, kieBase, parameters, rules, null);
    }

    /** One rule's identity as its metadata declares it. */
    public record RuleInfo(String name, String ruleId, String version, String typology, String severity) {}
}
