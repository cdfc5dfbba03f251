package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.audit.ChainVerifier;
import io.ringfence.privacy.PersonalDataRetention;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Legal holds, retention, subject access and erasure driven through the API on the real service and
 * database (docs/privacy.md): a held case outlives its retention, a released one is pseudonymised, and
 * the audit chain verifies after each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyWorkflowTest extends CaseFixture {

    @Test
    @Order(1)
    void aLegalHoldKeepsAClosedCaseThroughRetentionUntilItIsCleared() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);

        Api.Reply byHandler = api.post("handler1", "/api/v1/cases/" + caseId + "/legal-hold",
                "{\"hold\":true,\"reason\":\"chargeback claim\"}");
        assertThat(byHandler.status()).as(byHandler.body()).isEqualTo(403);
        Api.Reply noReason = api.post("compliance1", "/api/v1/cases/" + caseId + "/legal-hold", "{\"hold\":true}");
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json().path("detail").asText()).startsWith("reason:");
        Api.Reply unknown = api.post("compliance1", "/api/v1/cases/00000000-0000-0000-0000-000000000001/legal-hold",
                "{\"hold\":true,\"reason\":\"x\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);

        Api.Reply held = api.post("compliance1", "/api/v1/cases/" + caseId + "/legal-hold",
                "{\"hold\":true,\"reason\":\"chargeback claim\"}");
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().path("held").asBoolean()).isTrue();
        assertThat(held.json().path("by").asText()).isEqualTo("compliance1");
        JsonNode view = api.get("handler1", "/api/v1/cases/" + caseId).json();
        assertThat(view.path("legalHold").path("reason").asText()).isEqualTo("chargeback claim");
        assertThat(actions(view)).contains("LEGAL_HOLD_SET");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'LEGAL_HOLD_SET' "
                + "AND actor = 'compliance1'", caseId)).isEqualTo(1);

        // Closed long ago: past the closed-case retention (P730D by default).
        execute("UPDATE fraud_case SET status = 'CLOSED', closed_at = now() - interval '800 days' WHERE case_id = ?::uuid", caseId);
        PersonalDataRetention retention = service.getBean(PersonalDataRetention.class);
        retention.run();
        assertThat(count("SELECT count(*) FROM fraud_case WHERE case_id = ?::uuid AND subscriber = ? "
                + "AND pseudonymised_at IS NULL", caseId, sub)).as("held: left as it is").isEqualTo(1);

        Api.Reply cleared = api.post("supervisor1", "/api/v1/cases/" + caseId + "/legal-hold",
                "{\"hold\":false,\"reason\":\"claim settled\"}");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("held").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'LEGAL_HOLD_CLEARED' "
                + "AND actor = 'supervisor1'", caseId)).isEqualTo(1);
        retention.run();
        assertThat(count("SELECT count(*) FROM fraud_case WHERE case_id = ?::uuid AND subscriber <> ? "
                + "AND target_value <> ? AND pseudonymised_at IS NOT NULL AND decision_json IS NULL", caseId, sub, sub))
                .as("released: pseudonymised").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM case_history WHERE case_id = ?::uuid AND detail IS NOT NULL", caseId)).isZero();
        chainVerifies();
    }

    @Test
    @Order(2)
    void aComplianceOfficerExportsEverythingAboutANumberAndErasesWhatNoCaseNeeds() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        execute("UPDATE fraud_case SET status = 'CLOSED', closed_at = now() WHERE case_id = ?::uuid", caseId);
        event(sub);
        String alert = alert(sub);
        execute("INSERT INTO shadow_decision (decision_id, alert_id, typology, rule_id, subscriber, target_kind, target_value,"
                + " decided_at, champion_action, champion_open_case, champion_block_hours, decision_model, scoring_model,"
                + " action, open_case, block_hours, agrees) VALUES ('shadow-' || ?, ?, 'IRSF', 'IRSF-001', ?, 'SUBSCRIBER', ?,"
                + " now(), 'BLOCK_SUBSCRIBER', false, 24, 'challenger', '1.0.0', 'MONITOR', false, 0, false)", sub, alert, sub, sub);
        String body = "{\"subscriber\":\"" + sub + "\"}";

        assertThat(api.post("handler1", "/api/v1/privacy/subject-access", body).status()).isEqualTo(403);
        Api.Reply bad = api.post("compliance1", "/api/v1/privacy/subject-access", "{\"subscriber\":\" \"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");

        Api.Reply export = api.post("compliance1", "/api/v1/privacy/subject-access", body);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode doc = export.json();
        assertThat(doc.path("subject").asText()).isEqualTo(sub);
        assertThat(doc.path("events").size()).isEqualTo(1);
        assertThat(doc.path("events").get(0).path("payload").path("subscriber").asText()).as("payload as JSON").isEqualTo(sub);
        assertThat(doc.path("alerts").get(0).path("alert_id").asText()).isEqualTo(alert);
        assertThat(doc.path("cases").size()).isEqualTo(1);
        assertThat(doc.path("cases").get(0).path("tasks").size()).isPositive();
        assertThat(doc.path("cases").get(0).path("history").size()).isPositive();
        assertThat(doc.path("decisions").size()).as("the case's audit entries").isPositive();
        assertThat(doc.has("blocks") && doc.has("hotListEntries") && doc.has("hotListChanges")).isTrue();
        assertThat(doc.path("shadowDecisions").get(0).path("action").asText()).as("what a model in shadow answered")
                .isEqualTo("MONITOR");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'SUBJECT_ACCESS_EXPORT' AND actor = 'compliance1' "
                + "AND strpos(payload, ?) = 0 AND target_value IS NULL AND subscriber IS NULL", sub))
                .as("audited, without the number in clear").isEqualTo(1);

        Api.Reply erased = api.post("compliance1", "/api/v1/privacy/erasure", body);
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().path("erased").path("events").asInt()).isEqualTo(1);
        assertThat(erased.json().path("erased").path("alerts").asInt()).isEqualTo(1);
        assertThat(erased.json().path("erased").path("casesPseudonymised").asInt()).isEqualTo(1);
        assertThat(erased.json().path("erased").path("shadowDecisions").asInt()).isEqualTo(1);
        assertThat(erased.json().path("kept").findValuesAsText("what")).contains("audit trail entries");
        assertThat(count("SELECT count(*) FROM event_history WHERE subscriber = ?", sub)).isZero();
        assertThat(count("SELECT count(*) FROM alert_record WHERE subscriber = ?", sub)).isZero();
        assertThat(count("SELECT count(*) FROM fraud_case WHERE subscriber = ? OR target_value = ?", sub, sub)).isZero();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'SUBJECT_ERASURE' AND actor = 'compliance1' "
                + "AND strpos(payload, ?) = 0", sub)).isEqualTo(1);
        chainVerifies();
    }

    @Test
    @Order(3)
    void erasureKeepsAnOpenCaseAndItsEvidenceAndSaysWhy() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        event(sub);
        alert(sub);

        Api.Reply erased = api.post("compliance1", "/api/v1/privacy/erasure", "{\"subscriber\":\"" + sub + "\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode kept = erased.json().path("kept");
        assertThat(kept.findValuesAsText("what")).contains("case " + caseId, "events");
        assertThat(kept.findValuesAsText("why")).anyMatch(w -> w.startsWith("the case is open"));
        assertThat(count("SELECT count(*) FROM event_history WHERE subscriber = ?", sub)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM fraud_case WHERE case_id = ?::uuid AND subscriber = ?", caseId, sub)).isEqualTo(1);
        chainVerifies();
    }

    @Test
    @Order(4)
    void theListsTakeTheNumberInAPostBody() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        event(sub);
        String alert = alert(sub);
        String body = "{\"subscriber\":\"" + sub + "\",\"size\":5}";

        Api.Reply cases = api.post("handler1", "/api/v1/cases/search", body);
        assertThat(cases.status()).as(cases.body()).isEqualTo(200);
        assertThat(cases.json().path("items").findValuesAsText("caseId")).containsExactly(caseId);
        Api.Reply alerts = api.post("handler1", "/api/v1/alerts/search", body);
        assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.json().path("total").asLong()).isEqualTo(1);
        Api.Reply events = api.post("analyst1", "/api/v1/events/search", body);
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        assertThat(events.json().path("total").asLong()).isEqualTo(1);
        assertThat(api.post("handler1", "/api/v1/events/search", body).status()).as("as the GET form: no handlers").isEqualTo(403);
        Api.Reply noNumber = api.post("handler1", "/api/v1/alerts/search", "{}");
        assertThat(noNumber.status()).isEqualTo(400);
        assertThat(noNumber.contentType()).startsWith("application/problem+json");
        assertThat(alert).isNotBlank();
    }

    private void event(String sub) throws Exception {
        execute("INSERT INTO event_history (event_time, event_id, subscriber, event_type, payload) VALUES (now(), ?, ?, "
                + "'SMS', ?)", java.util.UUID.randomUUID().toString(), sub, "{\"subscriber\":\"" + sub + "\"}");
    }

    private String alert(String sub) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        execute("INSERT INTO alert_record (alert_id, typology, subject_kind, subject_value, subscriber, severity, rule_id,"
                + " detected_at, last_match_at, payload) VALUES (?, 'SIM_SWAP', 'SUBSCRIBER', ?, ?, 'HIGH', 'SWAP-001',"
                + " now(), now(), '{}')", id, sub, sub);
        return id;
    }

    void chainVerifies() throws Exception {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres")) {
            ChainVerifier.Result result = new ChainVerifier().verifyAll(c);
            assertThat(result.intact()).as(String.valueOf(result.firstBreak())).isTrue();
        }
    }
}
