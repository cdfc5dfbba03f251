package io.ringfence.detection;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetCompilerTest {

    @Test
    void shippedRuleSetCompilesAndCoversEveryTypology() {
        RuleSet rules = RuleSetCompiler.compileDefault();
        Set<String> typologies = rules.rules().stream().map(RuleSet.RuleInfo::typology).collect(Collectors.toSet());
        assertThat(typologies).containsExactlyInAnyOrder(
                Typology.ofRules().stream().map(Enum::name).toArray(String[]::new));
        assertThat(rules.rules()).allSatisfy(r -> {
            assertThat(r.ruleId()).isNotBlank();
            assertThat(r.version()).isNotBlank();
        });
        assertThat(rules.rules().stream().map(RuleSet.RuleInfo::ruleId).distinct().count())
                .isEqualTo(rules.rules().size());
    }

    /** Retention is a hard bound: a window longer than its events' retention would silently see less. */
    @Test
    void everyWindowFitsInsideTheRetentionOfTheEventsItSlidesOver() {
        RuleParameters p = RuleParameters.defaults();
        // cli.ownerHomeWindow and cloning.alternationWindow are read by the enrich stage from profiles, not by DRL windows.
        assertThat(p.asMap().keySet().stream().filter(k -> k.toLowerCase().contains("window")
                        && !k.equals("cli.ownerHomeWindow") && !k.equals("cloning.alternationWindow")))
                .allMatch(RuleParameters.WINDOW_RETENTION::containsKey);
        assertThat(p.windowProblems()).isEmpty();
    }

    @Test
    void overrideThatStretchesAWindowPastRetentionIsRejected() {
        RuleParameters tuned = RuleParameters.defaults().with("simbox.window", "5h");
        assertThatThrownBy(() -> RuleSetCompiler.compile(tuned))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("simbox.window (5h) is longer than retention.voice (4h)");
    }

    @Test
    void unknownParameterIsRejectedWithItsName() {
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("x.drl",
                "package io.ringfence.rules; rule r when eval(${no.such.parameter} > 1) then end"), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("no.such.parameter");
    }

    @Test
    void drlThatDoesNotCompileIsRejectedWithTheCompilerMessage() {
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("bad.drl",
                "package io.ringfence.rules; rule r when NoSuchType() then end"), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("bad.drl")
                .hasMessageContaining("NoSuchType");
    }

    @Test
    void ruleWithoutMetadataIsRejected() {
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("plain.drl",
                "package io.ringfence.rules; rule r when eval(true) then end"), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("@ruleId");
    }
}
