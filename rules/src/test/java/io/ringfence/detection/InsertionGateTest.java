package io.ringfence.detection;

import io.ringfence.enrich.Enricher;
import io.ringfence.enrich.SubscriberProfiles;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class InsertionGateTest {
    private static final long T0 = 1_772_438_400_000L;

    @Test
    void onlyEventsThatSomePatternCanSeeEnterTheSession() {
        RuleSet rules = RuleSetCompiler.compile("gate", HostileUpload.withModel("sms-promo.drl",
                LegitimateRuleUploadTest.SMS_THRESHOLD), RuleParameters.defaults());
        List<Alert> closed = new ArrayList<>();
        try (DetectionSession session = new DetectionSession(rules, collect(closed))) {
            session.insert(sms("a", 0, Direction.MO, "PROMO-Shop")); // the rule's first pattern
            session.insert(sms("b", 1, Direction.MO, "BANK"));       // the accumulate's window: any MO message
            session.insert(sms("c", 2, Direction.MT, "PROMO-Shop")); // no pattern takes a terminating message
            session.insert(data("d", 3));                            // no pattern names data sessions
            session.insert(sms("e", 4, Direction.MO, "PROMO-Shop"));
            session.insert(sms("f", 5, Direction.MO, "PROMO-Shop"));

            assertThat(session.inserted()).isEqualTo(4);
            assertThat(session.passedOver()).isEqualTo(2);
            assertThat(session.factCount()).isEqualTo(4);
        }
        assertThat(closed).singleElement().satisfies(a ->
                assertThat(a.getEventIds()).containsExactly("a", "e", "f"));
    }

    @Test
    void passingOverWhatNoRuleCanMatchChangesNoAlertOfASimulatedDay() {
        RuleSet rules = RuleSetCompiler.compileDefault();
        Run gated = run(rules, true);
        Run ungated = run(rules, false);

        assertThat(ungated.passedOver).isZero();
        assertThat(gated.passedOver).as("data sessions and messages no rule selects").isGreaterThan(gated.inserted / 4);
        assertThat(gated.inserted + gated.passedOver).isEqualTo(ungated.inserted);
        assertThat(gated.alerts).hasSizeGreaterThan(Typology.ofRules().size());
        assertThat(gated.alerts.values().stream().map(a -> a.split(" ")[0]).distinct())
                .hasSize(Typology.ofRules().size());
        assertThat(gated.alerts).isEqualTo(ungated.alerts);
    }

    private record Run(Map<String, String> alerts, long inserted, long passedOver) {}

    private static Run run(RuleSet rules, boolean gated) {
        TrafficSimulator day = new TrafficSimulator(new SimulationConfig(20261127L, 1500,
                SimulationConfig.DEFAULT_START, 24, 2));
        SubscriberProfiles profiles = new SubscriberProfiles(rules.parameters().millis("profile.retention"));
        Enricher enricher = new Enricher(new ReferenceDataRepository(ReferenceDataLoader.defaults()), profiles,
                rules.parameters().millis("cli.ownerHomeWindow"), rules.parameters().millis("cloning.alternationWindow"),
                rules.parameters().millis("simswap.window"));
        Map<String, String> alerts = new TreeMap<>();
        AlertListener listener = new AlertListener() {
            @Override
            public void closed(Alert a) {
                String key = a.getTypology() + " " + a.getRuleId() + " " + a.getSubject() + " " + a.getDetectedAt();
                alerts.put(key, a.getTypology() + " " + a.getRuleId() + "/" + a.getRuleVersion() + " "
                        + a.getSubscriber() + " " + a.getSeverity() + " " + a.getFirstEventAt() + "-"
                        + a.getLastMatchAt() + "-" + a.getNewestEventAt() + " " + a.getMatches() + " "
                        + a.getRulesFired() + " " + new TreeMap<>(a.getFigures()) + " " + a.getEventIds());
            }
        };
        long inserted;
        long passedOver;
        try (DetectionSession session = new DetectionSession(rules, listener, gated)) {
            for (TelecomEvent e : day) {
                enricher.enrich(e);
                session.insert(e);
            }
            inserted = session.inserted();
            passedOver = session.passedOver();
        }
        return new Run(alerts, inserted, passedOver);
    }

    private static AlertListener collect(List<Alert> closed) {
        return new AlertListener() {
            @Override
            public void closed(Alert alert) {
                closed.add(alert);
            }
        };
    }

    private static SmsEvent sms(String id, int minute, Direction direction, String sender) {
        return new SmsEvent(new TelecomEvent.Common(id, T0 + minute * 60_000L, "+447700900009"), direction,
                "+447700900009", "+882160000001", Device.NONE, Roaming.HOME, null, null, sender);
    }

    private static DataEvent data(String id, int minute) {
        return new DataEvent(new TelecomEvent.Common(id, T0 + minute * 60_000L, "+447700900009"), Device.NONE,
                Roaming.HOME, 1_000, 20_000);
    }
}
