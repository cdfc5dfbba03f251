package io.ringfence.decision;

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

    @ParameterizedTest(name = "[{index}] {0} {1} {2} score={3} {4} {5} value={6} repeats={7} exposure={8} -> {9} row {13}")
    @CsvSource(nullValues = "null", textBlock = """
            # typology,       ruleId,      severity, score, subject,    segment,  value, repeats, exposure, action,           case,  prio, hours, row, queue,              sla
            IRSF,             IRSF-001,    HIGH,     0.95,  SUBSCRIBER, TEST,     20,    0,       900,      ALLOW,            false, 4,    0,     1,   null,               null
            SIMBOX,           SIMBOX-001,  HIGH,     0.99,  SUBSCRIBER, VIP,      400,   3,       900,      OPEN_CASE,        true,  1,    0,     2,   vip-care,           30
            SIM_SWAP,         SIMSWAP-002, HIGH,     0.10,  SUBSCRIBER, CONSUMER, 20,    0,       0,        BLOCK_SUBSCRIBER, true,  1,    24,    3,   account-takeover,   15
            CALL_FORWARD_FRAUD, CFWD-002,  CRITICAL, 0.10,  SUBSCRIBER, CONSUMER, 20,    0,       0,        BLOCK_SUBSCRIBER, true,  1,    24,    4,   fraud-urgent,       30
            IRSF,             IRSF-001,    HIGH,     0.85,  SUBSCRIBER, CONSUMER, 20,    0,       10,       BLOCK_SUBSCRIBER, true,  1,    72,    5,   fraud-urgent,       30
            SIMBOX,           SIMBOX-001,  HIGH,     0.85,  SUBSCRIBER, BUSINESS, 250,   0,       10,       OPEN_CASE,        true,  2,    0,     8,   fraud-general,      120
            IRSF,             IRSF-001,    HIGH,     0.20,  SUBSCRIBER, BUSINESS, 250,   0,       650,      BLOCK_SUBSCRIBER, true,  1,    72,    6,   fraud-urgent,       30
            ROAMING_FRAUD,    ROAM-001,    HIGH,     0.20,  SUBSCRIBER, CONSUMER, 20,    2,       10,       BLOCK_SUBSCRIBER, true,  1,    168,   7,   fraud-urgent,       30
            SIM_CLONING,      CLONE-001,   HIGH,     0.60,  SUBSCRIBER, CONSUMER, 20,    1,       10,       OPEN_CASE,        true,  2,    0,     8,   fraud-general,      120
            SUBSCRIPTION_FRAUD, SUBFRAUD-001, HIGH,  0.20,  SUBSCRIBER, CONSUMER, 20,    0,       10,       OPEN_CASE,        true,  3,    0,     9,   fraud-general,      480
            IRSF,             IRSF-001,    HIGH,     null,  SUBSCRIBER, CONSUMER, 20,    0,       10,       OPEN_CASE,        true,  3,    0,     9,   fraud-general,      480
            WANGIRI,          WANGIRI-002, CRITICAL, 0.01,  NUMBER,     CONSUMER, 20,    0,       0,        BLOCK_NUMBER,     true,  2,    168,   10,  interconnect-fraud, 240
            WANGIRI,          WANGIRI-001, HIGH,     0.01,  NUMBER,     CONSUMER, 20,    0,       0,        BLOCK_NUMBER,     false, 3,    168,   11,  null,               null
            CLI_SPOOFING,     CLI-001,     HIGH,     0.01,  NUMBER,     CONSUMER, 20,    0,       0,        BLOCK_NUMBER,     false, 3,    24,    12,  null,               null
            PBX_HACKING,      PBX-002,     CRITICAL, 0.01,  IP,         BUSINESS, 900,   0,       0,        BLOCK_SOURCE,     true,  1,    72,    13,  enterprise-fraud,   60
            PBX_HACKING,      PBX-001,     HIGH,     0.01,  IP,         BUSINESS, 900,   0,       0,        BLOCK_SOURCE,     true,  2,    24,    14,  enterprise-fraud,   60
            SMS_PUMPING,      SMSPUMP-001, HIGH,     0.01,  SENDER,     CONSUMER, 20,    0,       0,        BLOCK_SOURCE,     true,  2,    24,    15,  interconnect-fraud, 240
            SS7_ATTACK,       SS7-003,     HIGH,     0.01,  GT,         CONSUMER, 20,    0,       0,        OPEN_CASE,        true,  2,    0,     16,  signaling-security, 60
            DIAMETER_ATTACK,  DIA-002,     HIGH,     0.01,  GT,         CONSUMER, 20,    0,       0,        OPEN_CASE,        true,  2,    0,     16,  signaling-security, 60
            SS7_ATTACK,       SS7-001,     CRITICAL, 0.01,  GT,         CONSUMER, 20,    0,       0,        BLOCK_SOURCE,     true,  1,    72,    17,  signaling-security, 60
            DIAMETER_ATTACK,  DIA-001,     HIGH,     0.01,  GT,         CONSUMER, 20,    0,       0,        BLOCK_SOURCE,     true,  2,    24,    18,  signaling-security, 60
            IRSF,             ANALYST-9,   MEDIUM,   0.99,  SUBSCRIBER, CONSUMER, 20,    5,       9000,     MONITOR,          false, 4,    0,     19,  null,               null
            NEW_TYPOLOGY,     NEW-001,     HIGH,     0.50,  TRUNK,      CONSUMER, 20,    0,       0,        OPEN_CASE,        true,  3,    0,     20,  fraud-general,      480
            """)
    void eachRowDecidesWhatItSays(String typology, String ruleId, String severity, Double score, String subject,
                                  String segment, double value, int repeats, double exposure, Action action,
                                  boolean openCase, int priority, int blockHours, int row, String queue, Integer sla) {
        Disposition d = MODEL.decide(new DispositionInput(typology, ruleId, severity, score, subject, segment, value,
                repeats, exposure));

        assertThat(d.action()).isEqualTo(action);
        assertThat(d.openCase()).isEqualTo(openCase);
        assertThat(d.priority()).isEqualTo(priority);
        assertThat(d.blockHours()).isEqualTo(blockHours);
        assertThat(d.rows().get(0).table()).isEqualTo(DecisionModel.DISPOSITION);
        assertThat(d.rows().get(0).row()).isEqualTo(row);
        assertThat(d.rows().get(0).why()).isNotBlank();
        assertThat(d.caseQueue()).isEqualTo(queue);
        assertThat(d.slaMinutes()).isEqualTo(sla);
    }

    @Test
    void routingRowsAreExplainedToo() {
        Disposition d = MODEL.decide(new DispositionInput("SIM_SWAP", "SIMSWAP-001", "CRITICAL", 0.9, "SUBSCRIBER",
                "CONSUMER", 20, 0, 0));

        assertThat(d.rows()).extracting(MatchedRow::table).containsExactly(DecisionModel.DISPOSITION, DecisionModel.ROUTING);
        assertThat(d.rows().get(1).id()).isEqualTo("routing-03");
    }

    @Test
    void versionIsTheContentHashUnlessGiven() {
        assertThat(MODEL.version()).startsWith("sha256:").hasSize("sha256:".length() + 12);
        assertThat(MODEL.name()).isEqualTo("disposition");
    }
}
