package io.ringfence.audit;

import io.ringfence.RingfenceApplication;
import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The query API against the application as it starts (embedded PostgreSQL, Flyway, Hibernate validate),
 * signed in as the demo compliance officer unless a test says otherwise.
 */
@SpringBootTest(classes = RingfenceApplication.class, properties = "ringfence.demo.enabled=false")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
    private static final String ALICE = "447700900111";
    private static final String BOB = "447700900222";

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventHistoryWriter events;
    @Autowired
    AuditTrail trail;
    @Autowired
    AlertStore alerts;
    @Autowired
    RetentionProperties retention;

    private static MockHttpServletRequestBuilder get(String path) {
        return as("compliance1", path);
    }

    private static MockHttpServletRequestBuilder as(String user, String path) {
        return MockMvcRequestBuilders.get(path).with(httpBasic(user, "ringfence-demo"));
    }

    @BeforeAll
    void oneBatchAsTheConsumerWritesIt() throws SQLException {
        Instant t = Instant.parse("2026-09-01T08:00:00Z");
        List<AuditedDecision> decisions = new ArrayList<>();
        decisions.add(AuditFixtures.audited(AuditFixtures.decision("DA1", Action.BLOCK_SUBSCRIBER, ALICE, "IRSF", t)));
        Decision held = AuditFixtures.decision("DA2", Action.BLOCK_SUBSCRIBER, ALICE, "IRSF", t.plusSeconds(60));
        decisions.add(new AuditedDecision(held, AuditFixtures.json(held), false, "DA1", List.of("E9")));
        decisions.add(AuditFixtures.audited(AuditFixtures.decision("DA3", Action.OPEN_CASE, ALICE, "SIM_SWAP",
                Instant.parse("2026-09-02T08:00:00Z"))));
        decisions.add(AuditFixtures.audited(AuditFixtures.decision("DB1", Action.MONITOR, BOB, "SIMBOX", t, "SIMBOX-002")));
        List<StoredEvent> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(AuditFixtures.event(i, i % 3 == 0 ? BOB : ALICE, t.plusSeconds(i * 600L)));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            events.write(c, history);
            trail.appendDecisions(c, decisions);
            trail.appendAction(c, "DA1", "analyst.jane", "LIFTED", "{\"why\":\"customer verified\"}",
                    t.plusSeconds(3600).toEpochMilli());
            // Free text, not JSON: a search by rule must read decisions' payloads only.
            trail.appendAction(c, "DB1", "analyst.joe", "NOTED", "called the line's owner back",
                    t.plusSeconds(7200).toEpochMilli());
            alerts.upsert(c, List.of(AlertStoreTest.alert("AL1", io.ringfence.detection.Severity.HIGH, t.toEpochMilli())));
            c.commit();
        }
    }

    @Test
    void decisionsBySubscriberArePagedWithTheirJsonAndChainPosition() throws Exception {
        mvc.perform(get("/api/v1/audit/decisions").param("subscriber", ALICE).param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items", hasSize(2)))
                .andExpect(jsonPath("$.items[0].decisionId").value("DA1"))
                .andExpect(jsonPath("$.items[0].content.decisionId").value("DA1"))
                .andExpect(jsonPath("$.items[0].content.explanation.ruleSet").value("rules-1.0"))
                .andExpect(jsonPath("$.items[0].chainDay").value("2026-09-01"))
                .andExpect(jsonPath("$.items[0].chainSeq").value(1))
                .andExpect(jsonPath("$.items[0].emitted").value(true))
                .andExpect(jsonPath("$.items[1].emitted").value(false))
                .andExpect(jsonPath("$.items[1].suppressedBy").value("DA1"))
                .andExpect(jsonPath("$.items[1].eventIds[0]").value("E9"));
        mvc.perform(get("/api/v1/audit/decisions").param("subscriber", ALICE).param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].decisionId").value("DA3"));
    }

    @Test
    void filtersCombine() throws Exception {
        mvc.perform(get("/api/v1/audit/decisions").param("typology", "irsf").param("action", "BLOCK_SUBSCRIBER")
                        .param("from", "2026-09-01").param("to", "2026-09-01T08:00:30Z"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].decisionId").value("DA1"));
        mvc.perform(get("/api/v1/audit/decisions").param("target", BOB))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].typology").value("SIMBOX"));
        // The later human action, found by the decision's subscriber.
        mvc.perform(get("/api/v1/audit/decisions").param("subscriber", ALICE).param("kind", "ACTION"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].actor").value("analyst.jane"))
                .andExpect(jsonPath("$.items[0].action").value("LIFTED"))
                .andExpect(jsonPath("$.items[0].content.why").value("customer verified"));
        // One decision and what was done about it, by its id.
        mvc.perform(get("/api/v1/audit/decisions").param("decisionId", "DA1").param("kind", "DECISION"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].content.decisionId").value("DA1"));
        mvc.perform(get("/api/v1/audit/decisions").param("decisionId", "DA1").param("kind", "ALL"))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[1].action").value("LIFTED"));
        mvc.perform(get("/api/v1/audit/decisions").param("decisionId", "DA2"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].decisionId").value("DA2"));
    }

    /** By the rule that raised the decision's alert; an action's free-text payload is no JSON and must not stop it. */
    @Test
    void decisionsByTheRuleThatRaisedTheirAlert() throws Exception {
        mvc.perform(get("/api/v1/audit/decisions").param("rule", "SIMBOX-002"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].decisionId").value("DB1"));
        mvc.perform(get("/api/v1/audit/decisions").param("rule", "R-1").param("subscriber", ALICE))
                .andExpect(jsonPath("$.total").value(3));
        mvc.perform(get("/api/v1/audit/decisions").param("rule", "R-1").param("kind", "ALL"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].kind", everyItem(is("DECISION"))));
        mvc.perform(get("/api/v1/audit/decisions").param("rule", "R-1").param("kind", "ACTION"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("'rule' finds decisions")));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            StringBuilder plan = new StringBuilder();
            try (var st = c.createStatement()) {
                // This transaction only: the pooled connection goes back as it came.
                st.execute("SET LOCAL enable_seqscan = off");
                try (var rs = st.executeQuery("EXPLAIN SELECT count(*) FROM audit_entry WHERE "
                        + AuditQueries.RULE_OF_DECISION + " = 'SIMBOX-002'")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            assertThat(plan.toString()).as("the search's expression is the index's (V14) on every partition")
                    .contains("Index").doesNotContain("Seq Scan");
        }
    }

    @Test
    void csvByAcceptHeaderOrByPath() throws Exception {
        String byAccept = mvc.perform(get("/api/v1/audit/decisions").param("subscriber", ALICE).accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsString();
        String[] lines = byAccept.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("recorded_at,chain_day,chain_seq,kind,decision_id");
        assertThat(lines[1]).startsWith("2026-09-01T08:00:00Z,2026-09-01,1,DECISION,DA1,ringfence,BLOCK_SUBSCRIBER,true,,SUBSCRIBER,"
                + ALICE + ",IRSF,");
        assertThat(lines[2]).contains(",false,DA1,");
        String byPath = mvc.perform(get("/api/v1/audit/decisions.csv").param("subscriber", ALICE))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(byPath).isEqualTo(byAccept);
    }

    @Test
    void thePostFormTakesTheFiltersInTheBodyAndAnswersAsTheGetForm() throws Exception {
        String byGet = mvc.perform(get("/api/v1/audit/decisions").param("subscriber", ALICE).param("size", "2")
                        .param("page", "1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String byPost = mvc.perform(post("/api/v1/audit/decisions/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subscriber\":\"" + ALICE + "\",\"size\":2,\"page\":1,\"kind\":\"\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[0].decisionId").value("DA3"))
                .andReturn().getResponse().getContentAsString();
        assertThat(byPost).isEqualTo(byGet);

        String csvByGet = mvc.perform(get("/api/v1/audit/decisions.csv").param("subscriber", ALICE))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/audit/decisions/search.csv").contentType(MediaType.APPLICATION_JSON).accept("text/csv")
                        .content("{\"subscriber\":\"" + ALICE + "\"}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().string(csvByGet));
        mvc.perform(post("/api/v1/audit/decisions/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"NUKE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("action")));
    }

    private static MockHttpServletRequestBuilder post(String path) {
        return MockMvcRequestBuilders.post(path).with(httpBasic("compliance1", "ringfence-demo"));
    }

    @Test
    void badParametersAreProblemDetails() throws Exception {
        mvc.perform(get("/api/v1/audit/decisions").param("size", "5000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("'size' must be between 1 and 1000, got 5000"));
        mvc.perform(get("/api/v1/audit/decisions").param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("'from' must be an ISO-8601 instant")));
        mvc.perform(get("/api/v1/audit/decisions").param("action", "NUKE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("'action' must be one of [ALLOW, MONITOR")));
        mvc.perform(get("/api/v1/audit/decisions").param("from", "2026-09-02").param("to", "2026-09-01"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/events"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'subscriber' is required"));
    }

    @Test
    void eventHistoryBySubscriberAndTime() throws Exception {
        mvc.perform(get("/api/v1/events").param("subscriber", BOB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(10))
                .andExpect(jsonPath("$.items[0].eventId").value("E0"))
                .andExpect(jsonPath("$.items[0].event.msisdn").value(BOB))
                .andExpect(jsonPath("$.items[1].eventTime").value("2026-09-01T08:30:00Z"));
        mvc.perform(get("/api/v1/events").param("subscriber", ALICE)
                        .param("from", "2026-09-01T09:00:00Z").param("to", "2026-09-01T10:00:00Z"))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[0].eventId").value("E7"));
    }

    @Test
    void retentionSettingsBindAndTheApiIsDocumented() throws Exception {
        assertThat(retention.events()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(retention.audit()).isEqualTo(java.time.Duration.ofDays(400));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/audit/decisions'].get.parameters[*].name",
                        org.hamcrest.Matchers.hasItems("subscriber", "target", "typology", "action", "caseId", "decisionId", "from", "to", "page", "size")))
                .andExpect(jsonPath("$.paths['/api/v1/audit/decisions.csv'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/events'].get").exists());
    }

    @Test
    void alertsThroughJpa() throws Exception {
        mvc.perform(get("/api/v1/alerts").param("subscriber", "447700900001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].closed").value(false))
                .andExpect(jsonPath("$.items[0].alert.alertId").value("AL1"))
                .andExpect(jsonPath("$.items[0].alert.typology").value("IRSF"));
    }

    @Test
    void theTrailIsForComplianceSupervisorsAndAnalysts() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/v1/audit/decisions"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(MockMvcRequestBuilders.get("/api/v1/audit/decisions").with(httpBasic("compliance1", "wrong")))
                .andExpect(status().isUnauthorized());
        mvc.perform(as("analyst1", "/api/v1/audit/decisions.csv").param("subscriber", ALICE)).andExpect(status().isOk());
        mvc.perform(as("supervisor1", "/api/v1/events").param("subscriber", BOB)).andExpect(status().isOk());
        mvc.perform(as("handler1", "/api/v1/audit/decisions"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(as("handler1", "/api/v1/events").param("subscriber", BOB)).andExpect(status().isForbidden());
        mvc.perform(as("handler1", "/api/v1/alerts").param("subscriber", "447700900001")).andExpect(status().isOk());
        // The platform admin sees no subscriber data.
        mvc.perform(as("admin1", "/api/v1/alerts").param("subscriber", "447700900001")).andExpect(status().isForbidden());
        mvc.perform(as("switch1", "/api/v1/events").param("subscriber", BOB)).andExpect(status().isForbidden());
    }
}
