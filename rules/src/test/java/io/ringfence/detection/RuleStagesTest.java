package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.TelecomEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ringfence.event.Direction.MO;
import static io.ringfence.event.Direction.MT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleStagesTest {
    private static final String CALLER = "+882134567890";
    private static final List<String> SUBJECT_RULES = List.of("SMSPUMP-001", "SS7-004", "WANGIRI-001", "WANGIRI-002");

    private static List<String> ids(RuleSet rules) {
        return rules.rules().stream().map(RuleSet.RuleInfo::ruleId).toList();
    }

    @Test
    void theShippedSetSplitsIntoTheCrossSubscriberRulesAndTheRestAndStaysWholeItself() {
        RuleSet whole = Scenario.RULES;
        RuleSet subject = RuleStages.only(whole, RuleStage.SUBJECT);
        RuleSet subscriber = RuleStages.only(whole, RuleStage.SUBSCRIBER);

        assertThat(ids(subject)).containsExactlyInAnyOrderElementsOf(SUBJECT_RULES);
        assertThat(ids(subscriber)).doesNotContainAnyElementsOf(SUBJECT_RULES).contains("IRSF-001", "SS7-001", "CLI-001");
        assertThat(ids(subject).size() + ids(subscriber).size()).isEqualTo(ids(whole).size());
        assertThat(subject.version()).isEqualTo(whole.version());
        // The model's anomalies need all of a line's events and every rule that may explain them: subscriber stage only.
        assertThat(whole.parameters().get("anomaly.enabled")).isEqualTo("true");
        assertThat(subscriber.parameters().get("anomaly.enabled")).isEqualTo("true");
        assertThat(subject.parameters().get("anomaly.enabled")).isEqualTo("false");
        // Cutting copies: the live KieBase keeps every rule.
        long inWhole = whole.kieBase().getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum();
        long inStages = subject.kieBase().getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum()
                + subscriber.kieBase().getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum();
        assertThat(inStages).isEqualTo(inWhole);
    }

    @Test
    void aWangiriBurstIsFoundByTheSubjectStageAloneAndKeyedByItsCaller() {
        Scenario s = new Scenario();
        for (int i = 0; i < 12; i++) {
            String victim = "+4477001" + (20000 + i);
            s.call(i, victim, MT, CALLER, victim, Device.NONE, false, 3, 0);
        }
        assertThat(s.run(RuleStages.only(Scenario.RULES, RuleStage.SUBSCRIBER))).isEmpty();
        assertThat(s.run(RuleStages.only(Scenario.RULES, RuleStage.SUBJECT))).singleElement()
                .satisfies(a -> assertThat(a.getRuleId()).isEqualTo("WANGIRI-001"));
        // Run through a pipeline, the events are enriched: each is sent to the subject stage under the caller.
        assertThat(s.events()).extracting(SubjectKeys::of).containsOnly(CALLER);
    }

    @Test
    void subjectKeysAreTheCallerTheCalledForeignNumberTheSenderAndTheGlobalTitleAndNothingForTheRest() {
        Scenario s = new Scenario()
                .call(0, "+447700100010", MO, "+447700100010", CALLER, Device.NONE, true, 4, 60)
                .call(1, "+447700100010", MO, "+447700100010", "+447700100011", Device.NONE, true, 4, 60)
                .call(2, "+447700100010", MT, "+447700100011", "+447700100010", Device.NONE, true, 4, 60)
                .sms(3, "+447700100010", MO, "+447700100010", "+25261234567", Device.NONE, "BANKCO")
                .sms(4, "+447700100010", MO, "+447700100010", "+447700100011", Device.NONE, null)
                .ss7(5, "+447700100010", "sendRoutingInfoForSM", "93700000001")
                .data(6, "+447700100010", Device.NONE, io.ringfence.event.Roaming.HOME);
        s.run();
        List<TelecomEvent> events = s.events();
        assertThat(events).extracting(SubjectKeys::of)
                .containsExactly(CALLER, null, null, "BANKCO", null, "93700000001", null);
    }

    @Test
    void aSubjectStageRuleOnEventsThatStageIsNeverSentIsRefusedWhenCompiled() {
        String drl = """
                package io.ringfence.rules;
                import io.ringfence.event.*;
                rule "data per cell"
                    @stage( "subject" ) @ruleId( "X-1" ) @version( "1" ) @typology( "SIMBOX" ) @severity( "LOW" )
                when
                    DataEvent( )
                then
                end
                """;
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("x.drl", drl), RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("rule 'data per cell' runs in the subject stage but matches DataEvent");
        assertThatThrownBy(() -> RuleSetCompiler.compile("t", Map.of("x.drl", drl.replace("\"subject\"", "\"caller\"")),
                RuleParameters.defaults()))
                .isInstanceOf(RuleSetCompilationException.class)
                .hasMessageContaining("a stage is \"subscriber\" or \"subject\"");
    }
}
