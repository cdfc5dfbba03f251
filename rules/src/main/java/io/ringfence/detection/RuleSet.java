package io.ringfence.detection;

import org.kie.api.KieBase;

import java.util.List;

/** A compiled, versioned rule set: the KieBase plus what produced it. */
public record RuleSet(String version, KieBase kieBase, RuleParameters parameters, List<RuleInfo> rules) {

    /** One rule's identity as its metadata declares it. */
    public record RuleInfo(String name, String ruleId, String version, String typology, String severity) {}
}
