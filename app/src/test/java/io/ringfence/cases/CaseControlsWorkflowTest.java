package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controls that keep one person from opening a case, working it and moving money or lifting a block
 * alone, driven through the API as the abuse would come: each refused attempt is a 403 or 409
 * problem+json naming the rule, changes nothing, and leaves a {@code POLICY_REFUSED} entry in the audit
 * trail with who tried. Hand-opened cases are worked through every path of the process. The service runs
 * with a per-handler allowance (100.00 a refund, 120.00 a day) so that both sides of the limit show;
 * {@link CaseWorkflowTest} runs the default, where every refund has a second person.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseControlsWorkflowTest extends CaseFixture {

    @Override
    Map<String, Object> settings() {
        return Map.of("ringfence.cases.refund-four-eyes-above", "100.00",
                "ringfence.cases.refund-daily-limit-per-handler", "120.00");
    }

    @Test
    @Order(1)
    void aCaseOpenedByHandCitesEvidenceAboutItsTarget() throws Exception {
        String sub = msisdn();
        Api.Reply bare = openByHand("handler1", sub, null, "[]", "[]");
        refused(bare, 403, "EVIDENCE_TO_OPEN");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'POLICY_REFUSED' AND actor = 'handler1'"
                + " AND target_value = ? AND case_id IS NULL", sub)).as("the audit trail says who tried").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM fraud_case WHERE target_value = ?", sub)).isZero();

        refused(openByHand("handler1", sub, null, "[\"no-such-alert\"]", "[]"), 409, "EVIDENCE_FITS_TARGET");
        String someoneElse = msisdn();
        String theirAlert = alert(someoneElse);
        refused(openByHand("handler1", sub, null, "[\"" + theirAlert + "\"]", "[]"), 409, "EVIDENCE_FITS_TARGET");
        String alert = alert(sub);
        Api.Reply typedIn = openByHand("handler1", sub, someoneElse, "[\"" + alert + "\"]", "[]");
        refused(typedIn, 409, "EVIDENCE_FITS_TARGET");
        assertThat(typedIn.json().path("detail").asText()).contains("names subscriber " + sub);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'POLICY_REFUSED' AND actor = 'handler1'"
                + " AND target_value = ?", sub)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM fraud_case WHERE target_value = ?", sub)).as("no case was opened").isZero();
    }

    @Test
    @Order(2)
    void theOpenerCannotWorkTheirCaseAndAColleagueTakesItToARefundWithinTheirLimits() {
        String sub = msisdn();
        Api.Reply opened = openByHand("handler1", sub, null, "[\"" + alert(sub) + "\"]", "[]");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("caseId").asText();
        assertThat(opened.json().path("subscriber").asText()).as("the subscriber the evidence names").isEqualTo(sub);

        Api.Reply view = api.get("handler1", "/api/v1/cases/" + caseId);
        assertThat(view.status()).as("a hand-opened case can be read: " + view.body()).isEqualTo(200);
        assertThat(view.json().path("decision").isNull()).isTrue();
        assertThat(view.json().path("alerts").size()).isEqualTo(1);

        String triage = task("handler2", caseId, "Triage");
        assertThat(api.get("handler1", "/api/v1/tasks?caseId=" + caseId).json().path("total").asLong())
                .as("the opener's task list leaves their own case out").isZero();
        refused(api.post("handler1", "/api/v1/tasks/" + triage + "/claim", ""), 403, "SEGREGATION_OF_DUTIES");
        refused(api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"CONFIRMED_FRAUD\"}"),
                403, "SEGREGATION_OF_DUTIES");
        refused(api.post("supervisor1", "/api/v1/tasks/" + triage + "/delegate", "{\"to\":\"handler1\"}"),
                403, "SEGREGATION_OF_DUTIES");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'POLICY_REFUSED' AND actor = 'handler1'",
                caseId)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'POLICY_REFUSED' AND actor = 'supervisor1'",
                caseId)).isEqualTo(1);

        complete("handler2", triage, "{\"outcome\":\"CONFIRMED_FRAUD\",\"note\":\"the alert holds\"}");
        JsonNode block = message(DECISIONS, "the block ordered from a hand-opened case", d -> caseId.equals(d.path("caseId").asText())
                && "BLOCK_SUBSCRIBER".equals(d.path("action").asText()));
        assertThat(block.path("target").path("value").asText()).isEqualTo(sub);
        assertThat(count("SELECT count(*) FROM active_block WHERE action = 'BLOCK_SUBSCRIBER' AND target_value = ?", sub)).isEqualTo(1);
        complete("handler2", task("handler2", caseId, "CustomerContact"), "{\"note\":\"customer confirmed the SIM swap was not theirs\"}");
        complete("handler2", task("handler2", caseId, "RefundReview"), "{\"amount\":40}");

        JsonNode c = refundApplied(caseId);
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("AUTO");
        JsonNode order = message(REFUNDS, "the refund order", r -> caseId.equals(r.path("caseId").asText()));
        assertThat(order.path("subscriber").asText()).isEqualTo(sub);
        assertThat(order.path("requestedBy").asText()).isEqualTo("handler2");
        assertThat(order.path("approvedBy").asText(null)).as("no one else approved it, and the order does not pretend so")
                .isNull();
        assertThat(RefundOrderSchema.violations(order)).as(order.toString()).isEmpty();
    }

    @Test
    @Order(3)
    void aboveTheHandlersDailyLimitASecondPersonApproves() throws Exception {
        String sub = msisdn();
        String event = UUID.randomUUID().toString();
        execute("INSERT INTO event_history (event_time, event_id, subscriber, event_type, payload) VALUES (now(), ?, ?, 'SIM_SWAP', '{}')",
                event, sub);
        Api.Reply opened = openByHand("handler1", sub, sub, "[]", "[\"" + event + "\"]");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("caseId").asText();
        assertThat(opened.json().path("subscriber").asText()).isEqualTo(sub);

        complete("handler2", task("handler2", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        complete("handler2", task("handler2", caseId, "CustomerContact"), "{\"note\":\"called back\"}");
        // 90 is within one refund's 100.00, but with this morning's 40 it passes handler2's 120.00 a day.
        complete("handler2", task("handler2", caseId, "RefundReview"), "{\"amount\":90}");
        JsonNode routed = historyDetail(awaitCase(caseId, v -> true), "REFUND_ROUTED");
        assertThat(routed.path("route").asText()).isEqualTo("APPROVAL");
        assertThat(routed.path("reason").asText()).contains("daily limit");

        String approval = task("supervisor1", caseId, "RefundApproval");
        complete("supervisor1", approval, "{\"approved\":true,\"note\":\"usage checked\"}");
        refundApplied(caseId);
        JsonNode order = message(REFUNDS, "the approved refund", r -> caseId.equals(r.path("caseId").asText()));
        assertThat(order.path("approvedBy").asText()).isEqualTo("supervisor1");
        assertThat(order.path("subscriber").asText()).isEqualTo(sub);
        assertThat(RefundOrderSchema.violations(order)).as(order.toString()).isEmpty();
    }

    @Test
    @Order(4)
    void aRefundOnlyGoesToASubscriberTheEvidenceNames() {
        String sub = msisdn();
        String typed = msisdn();
        // A supervisor may open a case on their own word; the number they type is not proof of whom to pay.
        Api.Reply opened = openByHand("supervisor1", sub, typed, "[]", "[]");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("caseId").asText();
        assertThat(opened.json().path("subscriber").isNull()).isTrue();

        String triage = task("handler2", caseId, "Triage");
        complete("handler2", triage, "{\"outcome\":\"NEEDS_INFO\",\"note\":\"ask the shop for the ID seen\"}");
        complete("handler2", task("handler2", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        complete("handler2", task("handler2", caseId, "CustomerContact"), "{\"note\":\"no answer\"}");
        String review = task("handler2", caseId, "RefundReview");
        refused(api.post("handler2", "/api/v1/tasks/" + review + "/complete", "{\"amount\":10}"), 409,
                "REFUND_TO_EVIDENCED_SUBSCRIBER");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'POLICY_REFUSED' AND actor = 'handler2'",
                caseId)).isEqualTo(1);
        complete("handler2", review, "{\"amount\":0}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("NONE");
        assertThat(actions(c)).contains("TASK_COMPLETED", "BLOCK_ORDERED", "POLICY_REFUSED").doesNotContain("REFUND_ORDERED");
        assertThat(historyDetail(c, "CASE_OPENED").path("subscriberAsTyped").asText()).isEqualTo(typed);
    }

    @Test
    @Order(5)
    void aFalsePositiveOnAHandOpenedCaseLiftsARulesBlockOnlyOnASupervisorsVerdict() throws Exception {
        String sub = msisdn();
        String blockId = UUID.randomUUID().toString();
        execute("INSERT INTO active_block (action, target_kind, target_value, decision_id, set_at, expires_at, case_opened)"
                + " VALUES ('BLOCK_SUBSCRIBER', 'SUBSCRIBER', ?, ?, now(), now() + interval '1 day', false)", sub, blockId);
        Api.Reply opened = openByHand("handler1", sub, sub, "[\"" + alert(sub) + "\"]", "[]");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("caseId").asText();

        String triage = task("handler2", caseId, "Triage");
        refused(api.post("handler2", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"FALSE_POSITIVE\"}"),
                403, "SUPERVISOR_TO_LIFT");
        assertThat(count("SELECT count(*) FROM active_block WHERE target_value = ?", sub)).as("the rule's block stands").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'POLICY_REFUSED' AND actor = 'handler2'",
                caseId)).isEqualTo(1);

        complete("supervisor2", triage, "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"the customer was abroad\"}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("lifted").asText()).isEqualTo(blockId);
        assertThat(count("SELECT count(*) FROM active_block WHERE target_value = ?", sub)).isZero();
        message(DECISIONS, "the ALLOW decision", d -> caseId.equals(d.path("caseId").asText())
                && "ALLOW".equals(d.path("action").asText()));
    }

    // --- helpers

    private Api.Reply openByHand(String user, String sub, String typedSubscriber, String alertIds, String eventIds) {
        return api.post(user, "/api/v1/cases", "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"" + sub + "\"},"
                + (typedSubscriber == null ? "" : "\"subscriber\":\"" + typedSubscriber + "\",")
                + "\"typology\":\"SIM_SWAP\",\"severity\":\"HIGH\",\"note\":\"call centre report\","
                + "\"alertIds\":" + alertIds + ",\"eventIds\":" + eventIds + "}");
    }

    /** An alert the stream raised on the subscriber, as the alert store keeps it. */
    private String alert(String sub) {
        String id = UUID.randomUUID().toString();
        try {
            execute("INSERT INTO alert_record (alert_id, typology, subject_kind, subject_value, subscriber, severity, rule_id,"
                    + " detected_at, last_match_at, payload) VALUES (?, 'SIM_SWAP', 'SUBSCRIBER', ?, ?, 'HIGH', 'SWAP-001',"
                    + " now(), now(), '{}')", id, sub, sub);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return id;
    }

    private static void refused(Api.Reply r, int status, String rule) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("rule").asText()).isEqualTo(rule);
    }
}
