package io.ringfence.decision;

import io.ringfence.contract.Decision;
import io.ringfence.contract.Action;
import io.ringfence.contract.MatchedRow;

import io.ringfence.detection.Alert;
import io.ringfence.detection.RuleMatch;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;
import io.ringfence.features.FeatureTracker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeciderTest {
    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final DecisionAssets ASSETS = DecisionAssets.shipped();

    private final FeatureTracker features = new FeatureTracker();
    private final Decider decider = new Decider(ASSETS, features, CustomerSegments.shipped(), "rules-test",
            Duration.ofDays(30).toMillis());

    private static Alert alert(String id, Typology typology, String ruleId, Severity severity, Subject subject,
                               String subscriber, long at) {
        return new Alert(id, new RuleMatch(ruleId, "1.0", typology, severity, subject, subscriber, at - HOUR, at, at,
                List.of("e-" + id), Map.of("calls", 12)));
    }

    @Test
    void aWangiriNumberIsBlockedForAWeekAndTheDecisionSaysWhoDecided() {
        Alert a = alert("a1", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, Subject.number("+88216000001"),
                "+447712345678", T0);

        Decider.Outcome o = decider.raised(a, T0);

        assertThat(o.emitted()).isTrue();
        Decision d = o.decision();
        assertThat(d.action()).isEqualTo(Action.BLOCK_NUMBER);
        assertThat(d.target()).isEqualTo(Subject.number("+88216000001").target());
        assertThat(d.expiresAtMillis()).isEqualTo(T0 + 168 * HOUR);
        assertThat(d.openCase()).isFalse();
        assertThat(d.caseQueue()).isNull();
        assertThat(d.alertIds()).containsExactly("a1");
        assertThat(d.reason()).isEqualTo("WANGIRI");
        assertThat(d.decisionModel()).isEqualTo("disposition");
        assertThat(d.decisionModelVersion()).isEqualTo(ASSETS.live().decisionModel().version());
        assertThat(d.model()).isEqualTo(ASSETS.live().scoringModel().name());
        assertThat(d.modelVersion()).isEqualTo(ASSETS.live().scoringModel().version());
        assertThat(d.explanation().rows()).extracting(MatchedRow::id).containsExactly("disposition-wangiri", "routing-no-case");
        assertThat(d.explanation().figures()).containsEntry("calls", 12);
        assertThat(d.explanation().ruleSet()).isEqualTo("rules-test");
        assertThat(d.explanation().score()).isBetween(0.0, 1.0);
        assertThat(decider.message(a).score()).as("the alert is published with its decision's score")
                .isEqualTo(d.explanation().score());
        assertThat(decider.message(a).model()).isEqualTo(d.model());
    }

    /** The shipped table with Wangiri numbers only watched instead of blocked: a challenger that disagrees. */
    static DecisionModel wangiriOnlyWatched(String version) throws java.io.IOException {
        String dmn;
        try (var in = DecisionModel.class.getResourceAsStream("/io/ringfence/decision/disposition.dmn")) {
            dmn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String row = "<dmn:outputEntry id=\"disposition-wangiri-o1\">\n          <dmn:text>\"BLOCK_NUMBER\"</dmn:text>";
        assertThat(dmn).contains(row);
        return DecisionAssets.checked(dmn.replace(row, row.replace("BLOCK_NUMBER", "MONITOR"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), version);
    }

    @Test
    void aChallengerInShadowAnswersBesideTheChampionWhichAloneDecides() throws Exception {
        DecisionAssets assets = DecisionAssets.shipped();
        Decider d = new Decider(assets, new FeatureTracker(), CustomerSegments.shipped(), "rules-test", Duration.ofDays(30).toMillis());
        Alert wangiri = alert("s1", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, Subject.number("+88216000001"),
                "+447712345678", T0);
        assertThat(d.raised(wangiri, T0).shadow()).as("no model in shadow, no verdict").isNull();

        assets.shadow(wangiriOnlyWatched("challenger-1"));
        Decider.Outcome o = d.raised(alert("s2", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH,
                Subject.number("+88216000002"), "+447712345678", T0), T0);

        assertThat(o.decision().action()).as("the champion alone decides").isEqualTo(Action.BLOCK_NUMBER);
        assertThat(o.decision().decisionModelVersion()).isEqualTo(assets.live().decisionModel().version());
        ShadowVerdict v = o.shadow();
        assertThat(v.decisionModel()).isEqualTo("challenger-1");
        assertThat(v.scoringModel()).isEqualTo(assets.live().scoringModel().version());
        assertThat(v.action()).isEqualTo(Action.MONITOR);
        assertThat(v.championAction()).isEqualTo(Action.BLOCK_NUMBER);
        assertThat(v.score()).as("no scoring model in shadow: the champion's score").isEqualTo(v.championScore())
                .isEqualTo(o.decision().explanation().score());
        assertThat(v.agrees()).isFalse();

        Decider.Outcome irsf = d.raised(alert("s3", Typology.IRSF, "IRSF-001", Severity.HIGH,
                Subject.subscriber("+447712345679"), "+447712345679", T0), T0);
        assertThat(irsf.shadow().agrees()).as("rows the challenger did not touch agree").isTrue();
        assertThat(irsf.shadow().action()).isEqualTo(irsf.decision().action());

        assets.shadow((DecisionModel) null);
        assertThat(d.raised(alert("s4", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, Subject.number("+88216000004"),
                "+447712345678", T0), T0).shadow()).as("taken out of shadow").isNull();
    }

    @Test
    void anAnomalyIsNeverBlockedWhateverTheTableSays() throws Exception {
        String dmn;
        try (var in = DecisionModel.class.getResourceAsStream("/io/ringfence/decision/disposition.dmn")) {
            dmn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String action = "<dmn:outputEntry id=\"disposition-anomaly-o1\">\n          <dmn:text>\"OPEN_CASE\"</dmn:text>";
        String hours = "<dmn:outputEntry id=\"disposition-anomaly-o4\">\n          <dmn:text>0</dmn:text>";
        assertThat(dmn).contains(action).contains(hours);
        DecisionAssets assets = DecisionAssets.shipped();
        assets.put(DecisionAssets.checked(dmn.replace(action, action.replace("OPEN_CASE", "BLOCK_SUBSCRIBER"))
                .replace(hours, hours.replace(">0<", ">24<")).getBytes(java.nio.charset.StandardCharsets.UTF_8), "blocks-anomalies"));
        Decider d = new Decider(assets, new FeatureTracker(), CustomerSegments.shipped(), "rules-test", Duration.ofDays(30).toMillis());

        Decision decision = d.raised(alert("an1", Typology.ANOMALY, "MODEL-ANOMALY", Severity.MEDIUM,
                Subject.subscriber("+447712345671"), "+447712345671", T0), T0).decision();

        assertThat(decision.action()).isEqualTo(Action.OPEN_CASE);
        assertThat(decision.expiresAtMillis()).isNull();
        assertThat(decision.caseQueue()).isEqualTo("model-anomalies");
        assertThat(decision.explanation().note()).contains("never blocked automatically");
    }

    @Test
    void aScoringModelInShadowScoresForTheChallengerAndTheLiveTableAnswersWithIt() throws Exception {
        String pmml;
        try (var in = io.ringfence.scoring.FraudModel.class.getResourceAsStream("/io/ringfence/scoring/fraud-score.pmml")) {
            pmml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(pmml).contains("modelVersion=\"1.0.0\"");
        DecisionAssets assets = DecisionAssets.shipped();
        assets.shadow(io.ringfence.scoring.FraudModel.load(pmml.replace("modelVersion=\"1.0.0\"", "modelVersion=\"score-2\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Decider d = new Decider(assets, new FeatureTracker(), CustomerSegments.shipped(), "rules-test", Duration.ofDays(30).toMillis());

        Decider.Outcome o = d.raised(alert("p1", Typology.IRSF, "IRSF-001", Severity.HIGH,
                Subject.subscriber("+447712345670"), "+447712345670", T0), T0);

        ShadowVerdict v = o.shadow();
        assertThat(v.scoringModel()).isEqualTo("score-2");
        assertThat(v.decisionModel()).as("no table in shadow: the live one answers").isEqualTo(assets.live().decisionModel().version());
        assertThat(v.score()).as("the same trees score the same").isEqualTo(v.championScore());
        assertThat(v.agrees()).isTrue();
        assertThat(o.decision().modelVersion()).as("the live model scored what was sent").isEqualTo("1.0.0");
    }

    @Test
    void theCrmsAccountAgeAndEnterpriseFlagReachTheTableAndTheExplanation() {
        CustomerSegments crm = CustomerSegments.parse("crm.csv", """
                # version: crm-accounts-1
                msisdnPrefix,segment,monthlyValue,accountOpened,enterprise,note
                ,CONSUMER,20,,,default
                447712000001,CONSUMER,20,2026-02-20,,opened ten days before the alert
                447712000002,BUSINESS,150,2019-06-01,true,a company's line
                447712000003,CONSUMER,20,2025-01-10,false,an old account
                """);
        Decider withCrm = new Decider(ASSETS, new FeatureTracker(), crm, "rules-test", Duration.ofDays(30).toMillis());

        Decision fresh = withCrm.raised(alert("n1", Typology.IRSF, "IRSF-001", Severity.HIGH,
                Subject.subscriber("+447712000001"), "+447712000001", T0), T0).decision();
        assertThat(fresh.explanation().inputs().accountAgeDays()).isEqualTo(10);
        assertThat(fresh.action()).isEqualTo(Action.BLOCK_SUBSCRIBER);
        assertThat(fresh.explanation().rows()).extracting(MatchedRow::id).startsWith("disposition-new-account");
        assertThat(fresh.expiresAtMillis()).isEqualTo(T0 + 168 * HOUR);

        Decision company = withCrm.raised(alert("n2", Typology.IRSF, "IRSF-001", Severity.HIGH,
                Subject.subscriber("+447712000002"), "+447712000002", T0), T0).decision();
        assertThat(company.explanation().inputs().enterprise()).isTrue();
        assertThat(company.action()).isEqualTo(Action.OPEN_CASE);
        assertThat(company.explanation().rows()).extracting(MatchedRow::id).startsWith("disposition-enterprise-line");

        Decision old = withCrm.raised(alert("n3", Typology.IRSF, "IRSF-001", Severity.HIGH,
                Subject.subscriber("+447712000003"), "+447712000003", T0), T0).decision();
        assertThat(old.explanation().inputs().accountAgeDays()).isGreaterThan(400);
        assertThat(old.explanation().rows()).extracting(MatchedRow::id).doesNotContain("disposition-new-account",
                "disposition-enterprise-line");

        Decision unknown = withCrm.raised(alert("n4", Typology.IRSF, "IRSF-001", Severity.HIGH,
                Subject.subscriber("+447712999999"), "+447712999999", T0), T0).decision();
        assertThat(unknown.explanation().inputs().accountAgeDays()).as("the CRM does not say").isNull();
        assertThat(unknown.explanation().inputs().enterprise()).isFalse();
        assertThat(io.ringfence.contract.DecisionJson.read(io.ringfence.contract.DecisionJson.json(fresh))
                .explanation().inputs()).as("the inputs survive the decision's JSON").isEqualTo(fresh.explanation().inputs());
    }

    @Test
    void aTableWithoutTheAccountColumnsIsReadAsBeforeAndABadCellIsRefusedWithItsLine() {
        CustomerSegments.Segment s = CustomerSegments.shipped().of("+447700800001");
        assertThat(s.accountOpened()).isNull();
        assertThat(s.enterprise()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CustomerSegments.parse("crm.csv", """
                msisdnPrefix,segment,monthlyValue,accountOpened,enterprise,note
                ,CONSUMER,20,,,default
                4477,BUSINESS,150,31/05/2024,true,a company
                """)).hasMessage("crm.csv:3: accountOpened must be a day as 2024-05-31 or empty, not '31/05/2024'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CustomerSegments.parse("crm.csv", """
                msisdnPrefix,segment,monthlyValue,accountOpened,enterprise,note
                ,CONSUMER,20,,yes,default
                """)).hasMessage("crm.csv:2: enterprise must be true, false or empty, not 'yes'");
    }

    @Test
    void aSecondIdenticalBlockWhileTheFirstHoldsIsNotSentAgain() {
        Subject number = Subject.number("+88216000002");
        Decider.Outcome first = decider.raised(alert("b1", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, number,
                "+447712345678", T0), T0);
        Decider.Outcome second = decider.raised(alert("b2", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, number,
                "+447712345679", T0 + 2 * HOUR), T0 + 2 * HOUR);

        assertThat(second.emitted()).isFalse();
        assertThat(second.suppressedBy()).isEqualTo(first.decision().decisionId());
        assertThat(second.decision().explanation().note()).contains(first.decision().decisionId());
    }

    @Test
    void afterTheBlockExpiresTheTargetIsBlockedAgainAndCountsAsARepeat() {
        Subject ip = Subject.ip("198.51.100.7");
        decider.raised(alert("c1", Typology.PBX_HACKING, "PBX-001", Severity.HIGH, ip, "+447712345678", T0), T0);
        long later = T0 + 25 * HOUR;
        Decider.Outcome again = decider.raised(alert("c2", Typology.PBX_HACKING, "PBX-001", Severity.HIGH, ip,
                "+447712345678", later), later);

        assertThat(again.emitted()).isTrue();
        assertThat(again.decision().action()).isEqualTo(Action.BLOCK_SOURCE);
        assertThat(again.decision().explanation().inputs().repeatOffences()).isEqualTo(1);
    }

    @Test
    void aBlockInForceThatNowNeedsACaseOpensOneInsteadOfBlockingTwice() {
        Subject number = Subject.number("+88216000004");
        Decider.Outcome first = decider.raised(alert("d1", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, number,
                "+447712345678", T0), T0);
        // Subscribers call the number back: the same incident escalates to CRITICAL, which wants a case.
        Alert escalated = alert("d1", Typology.WANGIRI, "WANGIRI-002", Severity.CRITICAL, number, "+447712345678", T0 + HOUR);
        Decider.Outcome second = decider.updated(escalated, T0 + HOUR);

        assertThat(first.decision().openCase()).isFalse();
        assertThat(second.emitted()).isTrue();
        assertThat(second.decision().action()).isEqualTo(Action.OPEN_CASE);
        assertThat(second.decision().caseQueue()).isEqualTo("interconnect-fraud");
        assertThat(second.decision().decisionId()).isNotEqualTo(first.decision().decisionId());
    }

    @Test
    void aWorseIncidentOnABlockedSourceExtendsTheBlockInsteadOfBeingHeldBack() {
        Subject ip = Subject.ip("203.0.113.9");
        Decider.Outcome first = decider.raised(alert("p1", Typology.PBX_HACKING, "PBX-001", Severity.HIGH, ip,
                "+447712345678", T0), T0);
        // The compromised PBX starts pumping high-cost calls: same incident, now CRITICAL (72 h instead of 24 h).
        Alert worse = alert("p1", Typology.PBX_HACKING, "PBX-002", Severity.CRITICAL, ip, "+447712345678", T0 + HOUR);
        Decider.Outcome second = decider.updated(worse, T0 + HOUR);

        assertThat(first.decision().expiresAtMillis()).isEqualTo(T0 + 24 * HOUR);
        assertThat(second.emitted()).isTrue();
        assertThat(second.decision().action()).isEqualTo(Action.BLOCK_SOURCE);
        assertThat(second.decision().expiresAtMillis()).isEqualTo(T0 + HOUR + 72 * HOUR);
        assertThat(second.decision().explanation().note()).contains("extends block " + first.decision().decisionId());
        assertThat(second.decision().openCase()).as("the first block already opened a case").isFalse();
    }

    @Test
    void anEscalationOfOneIncidentIsNotARepeatOffence() {
        String msisdn = "+447712349999";
        Subject line = Subject.subscriber(msisdn);
        Decision first = decider.raised(alert("r1", Typology.CALL_FORWARD_FRAUD, "CFWD-002", Severity.CRITICAL, line,
                msisdn, T0), T0).decision();
        Decision again = decider.raised(alert("r2", Typology.CALL_FORWARD_FRAUD, "CFWD-002", Severity.CRITICAL, line,
                msisdn, T0 + 30 * HOUR), T0 + 30 * HOUR).decision();

        assertThat(first.explanation().inputs().repeatOffences()).isZero();
        assertThat(again.explanation().inputs().repeatOffences()).as("one earlier incident, counted once").isEqualTo(1);
    }

    @Test
    void aPartnersSignalingIsNeverBlockedAutomatically() {
        Alert a = new Alert("s1", new RuleMatch("SS7-001", "1.0", Typology.SS7_ATTACK, Severity.CRITICAL,
                Subject.gt("33612000000"), "+447712345678", T0, T0, T0, List.of("e"), Map.of("origin", "PARTNER")));

        Decision d = decider.raised(a, T0).decision();

        assertThat(d.action()).isEqualTo(Action.OPEN_CASE);
        assertThat(d.explanation().inputs().origin()).isEqualTo("PARTNER");
        assertThat(d.caseQueue()).isEqualTo("signaling-security");
    }

    @Test
    void anUpdateWithoutHigherSeverityDecidesNothing() {
        Subject gt = Subject.gt("23456789");
        Alert a = alert("e1", Typology.SS7_ATTACK, "SS7-002", Severity.HIGH, gt, "+447712345678", T0);
        decider.raised(a, T0);

        assertThat(decider.updated(a, T0 + HOUR)).isNull();
    }

    @Test
    void exposureComesFromTheSubscribersChargedTraffic() {
        String msisdn = "+447712340000";
        for (int i = 0; i < 10; i++) {
            features.observe(Calls.highCost(msisdn, "ev" + i, T0 - HOUR + i * 60_000L, 80.0));
        }
        Alert a = alert("f1", Typology.IRSF, "IRSF-001", Severity.HIGH, Subject.subscriber(msisdn), msisdn, T0);

        Decision d = decider.raised(a, T0).decision();

        // 800 charged within the last hour; the 24-hour figure decays, so a little less counts.
        assertThat(d.explanation().inputs().exposure()).isBetween(700.0, 800.0);
        assertThat(d.action()).isEqualTo(Action.BLOCK_SUBSCRIBER);
        assertThat(d.openCase()).isTrue();
        assertThat(d.explanation().features()).containsKey("chargeAmount24h");
    }

    @Test
    void decisionIdsDependOnTheAlertOnlySoReplaysAgree() {
        Decider other = new Decider(ASSETS, new FeatureTracker(), CustomerSegments.shipped(), "rules-test",
                Duration.ofDays(30).toMillis());
        Alert a = alert("g1", Typology.SMS_PUMPING, "SMSPUMP-001", Severity.HIGH, Subject.sender("PROMO"), "+447712345678", T0);
        Alert b = alert("g1", Typology.SMS_PUMPING, "SMSPUMP-001", Severity.HIGH, Subject.sender("PROMO"), "+447712345678", T0);

        assertThat(decider.raised(a, T0).decision().decisionId()).isEqualTo(other.raised(b, T0).decision().decisionId());
    }

    /**
     * A process killed between an alert's escalations: its successor rebuilds the alert from history with
     * decisions muted, and the next escalation must take the id an uninterrupted run gives it, never the
     * id of a decision the switches already hold.
     */
    @Test
    void anAlertRebuiltFromHistoryDecidesItsNextEscalationUnderANewId() {
        Subject number = Subject.number("+88216000005");
        Alert high = alert("h1", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, number, "+447712345678", T0);
        Alert sameAgain = alert("h1", Typology.WANGIRI, "WANGIRI-001", Severity.HIGH, number, "+447712345678", T0 + 1);
        Alert critical = alert("h1", Typology.WANGIRI, "WANGIRI-002", Severity.CRITICAL, number, "+447712345678", T0 + HOUR);

        AlertDecisions uninterrupted = new AlertDecisions(decider);
        List<Decision> before = new java.util.ArrayList<>();
        uninterrupted.raised(high);
        uninterrupted.updated(sameAgain);
        uninterrupted.drain(o -> before.add(o.decision()));
        uninterrupted.updated(critical);
        uninterrupted.drain(o -> before.add(o.decision()));

        AlertDecisions successor = new AlertDecisions(new Decider(ASSETS, new FeatureTracker(), CustomerSegments.shipped(),
                "rules-test", Duration.ofDays(30).toMillis()));
        List<Decision> after = new java.util.ArrayList<>();
        successor.raised(high);
        successor.updated(sameAgain);
        successor.drainMuted();
        successor.updated(critical);
        successor.drain(o -> after.add(o.decision()));

        assertThat(before).hasSize(2);
        assertThat(after).extracting(Decision::decisionId).containsExactly(before.get(1).decisionId());
        assertThat(after.get(0).decisionId()).isNotEqualTo(before.get(0).decisionId());
    }
}
