package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.MatchedRow;
import io.ringfence.contract.DispositionInput;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario per row of the shipped disposition and routing tables: the inputs an analyst would
 * expect to hit that row, and what must come out. A row moved or changed by an edit shows up here.
 */
class DispositionTableTest {
    private static final DecisionModel MODEL = DecisionModel.shipped();
    private static final java.util.Set<String> DECIDED_BY = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @ParameterizedTest(name = "[{index}] {0} {2} score={3} {4} {5} value={6} repeats={7} exposure={8} origin={9} -> {10} by {14}")
    @CsvSource(nullValues = "null", textBlock = """
            # typology,       ruleId,      severity, score, subject,    segment,  value, repeats, exposure, origin,  action,           case,  prio, hours, row,                   queue,              sla
            IRSF,             IRSF-001,    HIGH,     0.95,  SUBSCRIBER, TEST,     20,    0,       900,      NONE,    ALLOW,            false, 4,    0,     test-line,             null,               null
            WANGIRI,          WANGIRI-001, HIGH,     0.01,  NUMBER,     TEST,     0,     0,       0,        NONE,    BLOCK_NUMBER,     false, 3,    168,   wangiri,               null,               null
            SIMBOX,           SIMBOX-001,  HIGH,     0.99,  SUBSCRIBER, VIP,      400,   3,       900,      NONE,    OPEN_CASE,        true,  1,    0,     vip-line,              vip-care,           30
            SIM_SWAP,         SIMSWAP-001, CRITICAL, 0.10,  SUBSCRIBER, CONSUMER, 20,    0,       0,        NONE,    BLOCK_SUBSCRIBER, true,  1,    24,    sim-swap-forwarding,   account-takeover,   15
            SIM_SWAP,         SIMSWAP-002, HIGH,     0.99,  SUBSCRIBER, CONSUMER, 20,    0,       0,        NONE,    OPEN_CASE,        true,  1,    0,     sim-swap-codes,        account-takeover,   15
            SIM_SWAP,         SIMSWAP-002, HIGH,     0.99,  SUBSCRIBER, VIP,      600,   0,       0,        NONE,    OPEN_CASE,        true,  1,    0,     vip-line,              account-takeover,   15
            CALL_FORWARD_FRAUD, CFWD-002,  CRITICAL, 0.10,  SUBSCRIBER, CONSUMER, 20,    0,       0,        NONE,    BLOCK_SUBSCRIBER, true,  1,    24,    forwarding-pumping,    fraud-urgent,       30
            IRSF,             IRSF-001,    HIGH,     0.85,  SUBSCRIBER, CONSUMER, 20,    0,       10,       NONE,    BLOCK_SUBSCRIBER, true,  1,    72,    model-agrees,          fraud-urgent,       30
            IRSF,             IRSF-001,    HIGH,     0.20,  SUBSCRIBER, CONSUMER, 20,    0,       650,      NONE,    BLOCK_SUBSCRIBER, true,  1,    72,    money-leaving,         fraud-urgent,       30
            IRSF,             IRSF-001,    HIGH,     0.20,  SUBSCRIBER, BUSINESS, 250,   0,       2500,     NONE,    BLOCK_SUBSCRIBER, true,  1,    24,    money-pouring,         fraud-urgent,       30
            ROAMING_FRAUD,    ROAM-001,    HIGH,     0.20,  SUBSCRIBER, CONSUMER, 20,    2,       10,       NONE,    BLOCK_SUBSCRIBER, true,  1,    168,   repeat,                fraud-urgent,       30
            IRSF,             IRSF-001,    HIGH,     0.20,  SUBSCRIBER, BUSINESS, 250,   0,       650,      NONE,    OPEN_CASE,        true,  1,    0,     valuable-line-exposed, fraud-urgent,       30
            SIMBOX,           SIMBOX-001,  HIGH,     0.85,  SUBSCRIBER, BUSINESS, 250,   0,       10,       NONE,    OPEN_CASE,        true,  2,    0,     model-supports,        fraud-general,      120
            SIM_CLONING,      CLONE-001,   HIGH,     0.60,  SUBSCRIBER, CONSUMER, 20,    1,       10,       NONE,    OPEN_CASE,        true,  2,    0,     model-supports,        fraud-general,      120
            SUBSCRIPTION_FRAUD, SUBFRAUD-001, HIGH,  0.20,  SUBSCRIBER, CONSUMER, 20,    0,       10,       NONE,    OPEN_CASE,        true,  3,    0,     rule-only,             fraud-general,      480
            IRSF,             IRSF-001,    HIGH,     null,  SUBSCRIBER, CONSUMER, 20,    0,       10,       NONE,    OPEN_CASE,        true,  3,    0,     rule-only,             fraud-general,      480
            WANGIRI,          WANGIRI-002, CRITICAL, 0.01,  NUMBER,     CONSUMER, 20,    0,       0,        NONE,    BLOCK_NUMBER,     true,  2,    168,   wangiri-callbacks,     interconnect-fraud, 240
            WANGIRI,          WANGIRI-001, HIGH,     0.01,  NUMBER,     VIP,      600,   0,       0,        NONE,    BLOCK_NUMBER,     false, 3,    168,   wangiri,               null,               null
            CLI_SPOOFING,     CLI-001,     HIGH,     0.01,  NUMBER,     CONSUMER, 20,    0,       0,        NONE,    OPEN_CASE,        true,  2,    0,     cli-spoofing,          interconnect-fraud, 240
            PBX_HACKING,      PBX-002,     CRITICAL, 0.01,  IP,         BUSINESS, 900,   0,       0,        NONE,    BLOCK_SOURCE,     true,  1,    72,    pbx-pumping,           enterprise-fraud,   60
            PBX_HACKING,      PBX-001,     HIGH,     0.01,  IP,         BUSINESS, 900,   0,       0,        NONE,    BLOCK_SOURCE,     true,  2,    24,    pbx-brute-force,       enterprise-fraud,   60
            SMS_PUMPING,      SMSPUMP-001, HIGH,     0.01,  SENDER,     CONSUMER, 20,    0,       0,        NONE,    BLOCK_SOURCE,     true,  1,    2,     sms-pumping,           interconnect-fraud, 60
            SS7_ATTACK,       SS7-001,     CRITICAL, 0.01,  GT,         CONSUMER, 20,    0,       0,        PARTNER, OPEN_CASE,        true,  2,    0,     signaling-partner,     signaling-security, 60
            SS7_ATTACK,       SS7-003,     HIGH,     0.01,  GT,         CONSUMER, 20,    0,       0,        PARTNER, OPEN_CASE,        true,  2,    0,     signaling-partner,     signaling-security, 60
            DIAMETER_ATTACK,  DIA-002,     HIGH,     0.01,  GT,         CONSUMER, 20,    0,       0,        PARTNER, OPEN_CASE,        true,  2,    0,     signaling-partner,     signaling-security, 60
            SS7_ATTACK,       SS7-001,     CRITICAL, 0.01,  GT,         CONSUMER, 20,    0,       0,        FOREIGN, BLOCK_SOURCE,     true,  1,    72,    signaling-critical,    signaling-security, 60
            DIAMETER_ATTACK,  DIA-001,     HIGH,     0.01,  GT,         CONSUMER, 20,    0,       0,        FOREIGN, BLOCK_SOURCE,     true,  2,    24,    signaling-foreign,     signaling-security, 60
            IRSF,             ANALYST-9,   MEDIUM,   0.99,  SUBSCRIBER, CONSUMER, 20,    5,       9000,     NONE,    MONITOR,          false, 4,    0,     weak-signal,           null,               null
            ANOMALY,          MODEL-ANOMALY, MEDIUM, 0.97,  SUBSCRIBER, CONSUMER, 20,    0,       5000,     NONE,    OPEN_CASE,        true,  3,    0,     anomaly,               model-anomalies,    480
            NEW_TYPOLOGY,     NEW-001,     HIGH,     0.50,  TRUNK,      CONSUMER, 20,    0,       0,        NONE,    OPEN_CASE,        true,  3,    0,     unanticipated,         fraud-general,      480
            """)
    void eachRowDecidesWhatItSays(String typology, String ruleId, String severity, Double score, String subject,
                                  String segment, double value, int repeats, double exposure, String origin,
                                  Action action, boolean openCase, int priority, int blockHours, String row,
                                  String queue, Integer sla) {
        Disposition d = MODEL.decide(new DispositionInput(typology, ruleId, severity, score, subject, segment, value,
                repeats, exposure, origin));

        d.rows().forEach(r -> DECIDED_BY.add(r.id()));
        assertThat(d.action()).isEqualTo(action);
        assertThat(d.openCase()).isEqualTo(openCase);
        assertThat(d.priority()).isEqualTo(priority);
        assertThat(d.blockHours()).isEqualTo(blockHours);
        assertThat(d.rows().get(0).table()).isEqualTo(DecisionModel.DISPOSITION);
        assertThat(d.rows().get(0).id()).isEqualTo("disposition-" + row);
        assertThat(d.rows().get(0).why()).isNotBlank();
        assertThat(d.caseQueue()).isEqualTo(queue);
        assertThat(d.slaMinutes()).isEqualTo(sla);
    }

    @Test
    void theCrmsAccountColumnsDecideTheirRows() {
        Disposition fresh = MODEL.decide(new DispositionInput("IRSF", "IRSF-001", "HIGH", 0.2, "SUBSCRIBER", "CONSUMER", 20,
                0, 10, "NONE", 29, false));
        fresh.rows().forEach(r -> DECIDED_BY.add(r.id()));
        assertThat(fresh.rows().get(0).id()).isEqualTo("disposition-new-account");
        assertThat(fresh.action()).isEqualTo(Action.BLOCK_SUBSCRIBER);
        assertThat(fresh.blockHours()).isEqualTo(168);
        assertThat(MODEL.decide(new DispositionInput("IRSF", "IRSF-001", "HIGH", 0.2, "SUBSCRIBER", "CONSUMER", 20, 0, 10,
                "NONE", 30, false)).rows().get(0).id()).as("30 days is no longer new").isEqualTo("disposition-rule-only");

        Disposition company = MODEL.decide(new DispositionInput("IRSF", "IRSF-001", "HIGH", 0.9, "SUBSCRIBER", "BUSINESS",
                150, 0, 1999, "NONE", null, true));
        company.rows().forEach(r -> DECIDED_BY.add(r.id()));
        assertThat(company.rows().get(0).id()).isEqualTo("disposition-enterprise-line");
        assertThat(company.action()).isEqualTo(Action.OPEN_CASE);
        assertThat(company.priority()).isEqualTo(1);
        assertThat(MODEL.decide(new DispositionInput("IRSF", "IRSF-001", "HIGH", 0.9, "SUBSCRIBER", "BUSINESS", 150, 0,
                1999, "NONE", null, false)).rows().get(0).id()).as("the same line, not an enterprise's")
                .isEqualTo("disposition-model-agrees");
    }

    /** Runs after every scenario: each row of both tables must have decided at least one of them. */
    @AfterAll
    static void everyRowOfBothTablesHasAScenario() throws Exception {
        String dmn = new String(DispositionTableTest.class.getClassLoader()
                .getResourceAsStream(DecisionModel.SHIPPED).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.Set<String> ids = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<dmn:rule id=\"([^\"]+)\"").matcher(dmn);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).hasSizeGreaterThan(25);
        assertThat(DECIDED_BY).as("rows with no scenario").containsAll(ids);
    }

    @Test
    void routingRowsAreExplainedToo() {
        Disposition d = MODEL.decide(new DispositionInput("SIM_SWAP", "SIMSWAP-001", "CRITICAL", 0.9, "SUBSCRIBER",
                "CONSUMER", 20, 0, 0, "NONE"));

        assertThat(d.rows()).extracting(MatchedRow::table).containsExactly(DecisionModel.DISPOSITION, DecisionModel.ROUTING);
        assertThat(d.rows().get(1).id()).isEqualTo("routing-takeover");
    }

    @Test
    void versionIsTheContentHashUnlessGiven() {
        assertThat(MODEL.version()).startsWith("sha256:").hasSize("sha256:".length() + 12);
        assertThat(MODEL.name()).isEqualTo("disposition");
    }
}
