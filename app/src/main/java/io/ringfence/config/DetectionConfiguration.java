package io.ringfence.config;

import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.RuleSet;
import io.ringfence.governance.LiveRuleSet;
import io.ringfence.reference.NumberLookups;
import io.ringfence.reference.ReferenceDataRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * The rule set, reference data and decision assets as beans, configured like replay's flags:
 * {@code ringfence.rules.parameters}, {@code ringfence.reference.dir}, {@code ringfence.network},
 * {@code ringfence.decision.model}, {@code ringfence.scoring.model}, {@code ringfence.segments}
 * (each empty for the shipped defaults). The live stream's reference data also reads the number-intelligence
 * service, when one is configured (io.ringfence.numberintel); replay and backtests never do.
 */
@Configuration(proxyBeanMethods = false)
public class DetectionConfiguration {

    @Bean
    public RuleSet ruleSet(@Value("${ringfence.rules.parameters:}") String parametersFile) {
        return DetectionSetup.compileRules(pathOrNull(parametersFile));
    }

    /** The rule set in force, swapped by approved changes (io.ringfence.governance); starts as {@link #ruleSet}. */
    @Bean
    public LiveRuleSet liveRuleSet(RuleSet ruleSet) {
        return new LiveRuleSet(ruleSet);
    }

    @Bean
    public ReferenceDataRepository referenceData(@Value("${ringfence.reference.dir:}") String referenceDir,
                                                 @Value("${ringfence.network:}") String networkFile,
                                                 NumberLookups numberLookups) {
        return DetectionSetup.loadReference(pathOrNull(referenceDir), pathOrNull(networkFile), numberLookups);
    }

    @Bean
    public DecisionAssets decisionAssets(@Value("${ringfence.decision.model:}") String dmnFile,
                                         @Value("${ringfence.scoring.model:}") String pmmlFile) {
        return DecisionSetup.assets(pathOrNull(dmnFile), pathOrNull(pmmlFile));
    }

    @Bean
    public CustomerSegments customerSegments(@Value("${ringfence.segments:}") String segmentsFile) {
        return DecisionSetup.segments(pathOrNull(segmentsFile));
    }

    private static Path pathOrNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }
}
