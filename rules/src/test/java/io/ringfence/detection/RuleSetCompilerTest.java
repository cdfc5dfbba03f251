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
                java.util.Arrays.stream(Typology.values()).map(Enum::name).toArray(String[]::new));
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
        Map<String, String> retentionOf = Map.ofEntries(
                Map.entry("wangiri.window", "retention.voice"), Map.entry("irsf.window", "retention.voice"),
                Map.entry("irsf.testWindow", "retention.voice"), Map.entry("simbox.window", "retention.voice"),
                Map.entry("roaming.window", "retention.voice"), Map.entry("subscription.window", "retention.voice"),
                Map.entry("cloning.maxCallLength", "retention.voice"), Map.entry("cloning.alternationWindow", "retention.data"),
                Map.entry("callforward.window", "retention.voice"), Map.entry("smspumping.window", "retention.sms"),
                Map.entry("simswap.window", "retention.sms"), Map.entry("pbx.bruteForceWindow", "retention.sip"),
                Map.entry("ss7.scanWindow", "retention.signaling"), Map.entry("subscription.newAccount", "retention.subscription"));
        assertThat(p.asMap().keySet().stream().filter(k -> k.toLowerCase().contains("window") && !k.startsWith("cli.")))
                .allMatch(retentionOf::containsKey);
        retentionOf.forEach((window, retention) ->
                assertThat(p.millis(window)).as(window + " <= " + retention).isLessThanOrEqualTo(p.millis(retention)));
    }

    @Test
    void unknownParameterIsRejectedWithItsName() {
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("x.drl",
                "package t; rule r when eval(${no.such.parameter} > 1) then end"), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("no.such.parameter");
    }

    @Test
    void drlThatDoesNotCompileIsRejectedWithTheCompilerMessage() {
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("bad.drl",
                "package t; rule r when NoSuchType() then end"), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("bad.drl")
                .hasMessageContaining("NoSuchType");
    }

    @Test
    void ruleWithoutMetadataIsRejected() {
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("plain.drl",
                "package t; rule r when eval(true) then end"), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("@ruleId");
    }
}
