package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.TelecomEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the sandbox is for: an analyst's new rule, using what rules need, compiles and fires. */
class LegitimateRuleUploadTest {
    private static final long T0 = 1_772_438_400_000L;

    /** Uses the fact model, an accumulate, java.time, Math and String methods, a local variable and a lambda. */
    static final String SMS_THRESHOLD = """
            package io.ringfence.rules;
            import io.ringfence.event.*;
            import io.ringfence.detection.Subject;
            import java.time.Duration;
            global io.ringfence.detection.AlertRegistry alerts;

            rule "SMS: a promotional sender bursting messages"
                @ruleId( "SMSPROMO-001" ) @version( "1.0" ) @typology( "SMS_PUMPING" ) @severity( "MEDIUM" )
            when
                $m : SmsEvent( mo, senderId != null, senderId.trim().toUpperCase().startsWith( "PROMO" ) )
                accumulate( $x : SmsEvent( senderId == $m.senderId, mo ) over window:time( 10m );
                            $n : count(), $ids : collectList( $x );
                            $n >= 3 )
            then
                long windowMillis = Duration.ofMinutes( 10 ).toMillis();
                int messages = Math.max( $n.intValue(), 1 );
                String sender = $m.getSenderId().trim().toLowerCase();
                long distinct = $ids.stream().map( e -> ( (SmsEvent) e ).getBNumber() ).distinct().count();
                alerts.raise( drools, Subject.sender( sender ), $m.getSubscriber(), $ids,
                              "messages", messages, "windowMillis", windowMillis, "distinctNumbers", distinct );
            end
            """;

    @Test
    void aNewSmsThresholdRulePassesTheSandboxAndFires() {
        RuleSet rules = RuleSetCompiler.compile("2026.12.1", HostileUpload.withModel("sms-promo.drl", SMS_THRESHOLD),
                RuleParameters.defaults());
        assertThat(rules.rules()).extracting(RuleSet.RuleInfo::ruleId).containsExactly("SMSPROMO-001");

        List<Alert> closed = new ArrayList<>();
        try (DetectionSession session = new DetectionSession(rules, new AlertListener() {
            @Override
            public void closed(Alert alert) {
                closed.add(alert);
            }
        })) {
            for (int i = 0; i < 3; i++) {
                session.insert(sms(i, "PROMO-Shop ", "+88216000000" + i));
            }
        }
        assertThat(closed).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("SMSPROMO-001");
            assertThat(alert.getTypology()).isEqualTo(Typology.SMS_PUMPING);
            assertThat(alert.getSubject()).isEqualTo(Subject.sender("promo-shop"));
            assertThat(alert.getFigures()).containsEntry("messages", 3).containsEntry("windowMillis", 600_000L)
                    .containsEntry("distinctNumbers", 3L);
        });
    }

    /** A declared type whose initialisers are expressions the sandbox allows: they pass its check and run. */
    static final String DECLARED_WATCH = """
            package io.ringfence.rules;
            import io.ringfence.event.*;
            import io.ringfence.detection.Subject;
            global io.ringfence.detection.AlertRegistry alerts;

            declare SenderWatch
                sender : String
                limit : int = Math.max( 2, 3 )
                label : String = "watch-" + "promo"
            end

            rule "SMS: watch a promotional sender"
                @ruleId( "SMSWATCH-001" ) @version( "1.0" ) @typology( "SMS_PUMPING" ) @severity( "LOW" )
            when
                $m : SmsEvent( mo, senderId != null, senderId.startsWith( "PROMO" ) )
                not SenderWatch( sender == $m.senderId )
            then
                SenderWatch w = new SenderWatch();
                w.setSender( $m.getSenderId() );
                insert( w );
                alerts.raise( drools, Subject.sender( $m.getSenderId() ), $m.getSubscriber(), java.util.List.of( $m ),
                              "limit", w.getLimit(), "label", w.getLabel() );
            end
            """;

    @Test
    void declaredFieldInitialisersPassTheSandboxAndRun() {
        RuleSet rules = RuleSetCompiler.compile("2026.12.2", HostileUpload.withModel("sender-watch.drl", DECLARED_WATCH),
                RuleParameters.defaults());
        List<Alert> closed = new ArrayList<>();
        try (DetectionSession session = new DetectionSession(rules, new AlertListener() {
            @Override
            public void closed(Alert alert) {
                closed.add(alert);
            }
        })) {
            session.insert(sms(0, "PROMO-Shop", "+882160000001"));
        }
        assertThat(closed).singleElement().satisfies(alert -> assertThat(alert.getFigures())
                .containsEntry("limit", 3).containsEntry("label", "watch-promo"));
    }

    @Test
    void theShippedRuleSetPassesTheSandbox() {
        assertThat(RuleSetCompiler.compileDefault().rules()).hasSize(26);
    }

    private static TelecomEvent sms(int minute, String sender, String to) {
        return new SmsEvent(new TelecomEvent.Common("s" + minute, T0 + minute * 60_000L, "+447700900009"), Direction.MO,
                "+447700900009", to, Device.NONE, Roaming.HOME, null, null, sender);
    }
}
