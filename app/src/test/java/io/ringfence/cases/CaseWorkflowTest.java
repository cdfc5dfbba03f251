package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole case flows through the API, as handlers and supervisors work them, against real PostgreSQL,
 * Kafka and Redis: cases opened from decisions on {@code fraud.decisions}, blocks and lifts sent back
 * to the switches, refund orders to billing (every one with a second person, the default), four eyes, a
 * false positive over a block given by a supervisor, SLA escalation, and a restart mid-case.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseWorkflowTest extends CaseFixture {
    @Test
    @Order(1)
    void confirmedFraudWithASmallRefundApprovedByASupervisor() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);

        String triage = task("handler1", caseId, "Triage");
        assertThat(count("SELECT count(*) FROM jbpm_user_tasks WHERE id = ?", triage))
                .as("the open task is in PostgreSQL, not in memory").isEqualTo(1);
        Api.Reply claimed = api.post("handler1", "/api/v1/tasks/" + triage + "/claim", "");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().path("task").path("owner").asText()).isEqualTo("handler1");
        Api.Reply other = api.post("handler2", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"FALSE_POSITIVE\"}");
        assertThat(other.status()).as("a task claimed by a colleague").isIn(404, 409);
        complete("handler1", triage, "{\"outcome\":\"CONFIRMED_FRAUD\",\"note\":\"calls match the pattern\"}");

        JsonNode blockDecision = message(DECISIONS, "the block decision", d -> sub.equals(d.path("target").path("value").asText())
                && "BLOCK_SUBSCRIBER".equals(d.path("action").asText()));
        assertThat(blockDecision.path("caseId").asText()).isEqualTo(caseId);
        assertThat(blockDecision.path("decisionModel").asText()).isEqualTo("fraud_case");
        assertThat(count("SELECT count(*) FROM active_block WHERE action = 'BLOCK_SUBSCRIBER' AND target_value = ?", sub))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION' AND decision_id = ? AND actor = 'handler1'",
                blockDecision.path("decisionId").asText())).as("the handler's block is audited in their name").isEqualTo(1);

        complete("handler1", task("handler1", caseId, "CustomerContact"), "{\"note\":\"customer did not make the calls\"}");
        complete("handler1", task("handler1", caseId, "RefundReview"), "{\"amount\":40}");
        // By default every refund, however small, has a second person: one handler alone moves no money.
        assertThat(historyDetail(awaitCase(caseId, v -> true), "REFUND_ROUTED").path("route").asText()).isEqualTo("APPROVAL");
        assertThat(awaitCase(caseId, v -> true).path("fraudCase").path("status").asText()).isEqualTo("OPEN");
        complete("supervisor1", task("supervisor1", caseId, "RefundApproval"), "{\"approved\":true}");

        // Ordered is not made: the case waits for billing's word.
        task("supervisor2", caseId, "BillingConfirmation");
        assertThat(awaitCase(caseId, v -> true).path("fraudCase").path("status").asText()).isEqualTo("OPEN");
        JsonNode c = refundApplied(caseId);
        assertThat(c.path("fraudCase").path("outcome").asText()).isEqualTo("CONFIRMED_FRAUD");
        assertThat(c.path("fraudCase").path("refundOrderId").asText()).isEqualTo("refund-" + caseId);
        assertThat(actions(c)).containsSubsequence("CASE_OPENED", "TASK_READY", "TASK_RESERVED", "TASK_COMPLETED",
                "BLOCK_ORDERED", "REFUND_ROUTED", "REFUND_ORDERED", "REFUND_APPLIED", "CASE_CLOSED");
        assertThat(historyDetail(c, "REFUND_APPLIED").path("reference").asText()).isEqualTo("CR-" + caseId);
        assertThat(historyDetail(c, "REFUND_ROUTED").path("rule").asText()).isEqualTo("FOUR_EYES_ON_REFUNDS");
        JsonNode triaged = historyDetail(c, "TASK_COMPLETED");
        assertThat(triaged.path("outputs").path("outcome").asText()).as("the verdict outlives Kogito's task").isEqualTo("CONFIRMED_FRAUD");
        assertThat(triaged.path("outputs").path("note").asText()).isEqualTo("calls match the pattern");
        JsonNode label = find(lines(api.get("analyst1", "/api/v1/cases/labels").body()),
                l -> ("case-" + caseId).equals(l.path("incidentId").asText()));
        assertThat(label).isNotNull();
        assertThat(label.path("kind").asText()).isEqualTo("FRAUD");

        JsonNode order = message(REFUNDS, "the refund order", r -> caseId.equals(r.path("caseId").asText()));
        assertThat(order.path("amount").decimalValue()).isEqualByComparingTo("40");
        assertThat(order.path("requestedBy").asText()).isEqualTo("handler1");
        assertThat(order.path("approvedBy").asText()).isEqualTo("supervisor1");
        assertThat(order.path("subscriber").asText()).isEqualTo(sub);

        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND entry_kind = 'ACTION'", caseId))
                .as("every step of the case is in the audit trail").isEqualTo(c.path("history").size());
        assertThat(count("SELECT count(*) FROM jbpm_user_tasks WHERE id = ?", triage))
                .as("Kogito forgets completed tasks; Ringfence's history keeps them").isZero();
    }

    @Test
    @Order(2)
    void aLargeRefundNeedsASecondSupervisor() {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        complete("supervisor1", task("supervisor1", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        complete("supervisor1", task("supervisor1", caseId, "CustomerContact"), "{\"note\":\"called back\"}");
        complete("supervisor1", task("supervisor1", caseId, "RefundReview"), "{\"amount\":\"500.00\"}");

        String approval = task("supervisor2", caseId, "RefundApproval");
        assertThat(api.get("handler1", "/api/v1/tasks?caseId=" + caseId).json().path("total").asLong())
                .as("a case handler does not see a supervisor's task").isZero();
        assertThat(api.get("supervisor1", "/api/v1/tasks?caseId=" + caseId).json().path("total").asLong())
                .as("nor does the supervisor who asked for the refund").isZero();
        Api.Reply same = api.post("supervisor1", "/api/v1/tasks/" + approval + "/complete", "{\"approved\":true}");
        assertThat(same.status()).as("the requester approving their own refund").isEqualTo(403);
        assertThat(same.contentType()).startsWith("application/problem+json");
        assertThat(same.json().path("detail").asText()).contains("four eyes");
        assertThat(awaitCase(caseId, v -> true).path("fraudCase").path("status").asText()).isEqualTo("OPEN");

        complete("supervisor2", approval, "{\"approved\":true,\"note\":\"checked the usage\"}");
        JsonNode c = refundApplied(caseId);
        assertThat(c.path("fraudCase").path("refundRequestedBy").asText()).isEqualTo("supervisor1");
        assertThat(c.path("fraudCase").path("refundApprovedBy").asText()).isEqualTo("supervisor2");
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("APPROVAL");
        message(REFUNDS, "the approved refund", r -> caseId.equals(r.path("caseId").asText())
                && "supervisor2".equals(r.path("approvedBy").asText()));
    }

    @Test
    @Order(3)
    void aFalsePositiveLiftsTheBlockOnASupervisorsVerdictAndBecomesALabel() throws Exception {
        String sub = msisdn();
        String blockId = UUID.randomUUID().toString();
        // The stream blocked the line and asked for a case: the block is in force and mirrored for screening.
        execute("INSERT INTO active_block (action, target_kind, target_value, decision_id, set_at, expires_at, case_opened)"
                + " VALUES ('BLOCK_SUBSCRIBER', 'SUBSCRIBER', ?, ?, now(), now() + interval '1 day', true)", sub, blockId);
        String mirrorKey = "rf:block:BLOCK_SUBSCRIBER:SUBSCRIBER:" + sub;
        try (Jedis redis = new Jedis("127.0.0.1", servers.redisPort())) {
            redis.set(mirrorKey, blockId);
        }
        String caseId = openCase("BLOCK_SUBSCRIBER", "SUBSCRIBER", sub, sub);

        String triage = task("handler2", caseId, "Triage");
        Api.Reply alone = api.post("handler2", "/api/v1/tasks/" + triage + "/complete",
                "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"travelling customer\"}");
        assertThat(alone.status()).as("a handler lifting a rule's block: " + alone.body()).isEqualTo(403);
        assertThat(alone.contentType()).startsWith("application/problem+json");
        assertThat(alone.json().path("rule").asText()).isEqualTo("SUPERVISOR_TO_LIFT");
        assertThat(count("SELECT count(*) FROM active_block WHERE target_value = ?", sub)).as("the block stands").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'POLICY_REFUSED' AND actor = 'handler2'",
                caseId)).as("the audit trail says who tried").isEqualTo(1);
        complete("supervisor1", triage, "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"travelling customer\"}");

        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("outcome").asText()).isEqualTo("FALSE_POSITIVE");
        assertThat(c.path("fraudCase").path("lifted").asText()).isEqualTo(blockId);
        assertThat(actions(c)).contains("BLOCKS_LIFTED").doesNotContain("BLOCK_ORDERED");
        assertThat(count("SELECT count(*) FROM active_block WHERE target_value = ?", sub)).isZero();
        try (Jedis redis = new Jedis("127.0.0.1", servers.redisPort())) {
            assertThat(redis.exists(mirrorKey)).as("screening no longer denies the line").isFalse();
        }
        message(DECISIONS, "the ALLOW decision that tells the switches", d -> sub.equals(d.path("target").path("value").asText())
                && "ALLOW".equals(d.path("action").asText()) && caseId.equals(d.path("caseId").asText()));

        Api.Reply labels = api.get("analyst1", "/api/v1/cases/labels");
        assertThat(labels.status()).isEqualTo(200);
        JsonNode label = find(lines(labels.body()), l -> ("case-" + caseId).equals(l.path("incidentId").asText()));
        assertThat(label).as("the verdict is exported as a label").isNotNull();
        assertThat(label.path("kind").asText()).isEqualTo("LOOKALIKE");
        assertThat(label.path("subjectValue").asText()).isEqualTo(sub);
        assertThat(api.get("handler1", "/api/v1/cases/labels").status()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void needingMoreInformationGoesBackToTriageAndBadFormsAreRefused() {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        String triage = task("handler1", caseId, "Triage");

        Api.Reply noNote = api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"NEEDS_INFO\"}");
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.contentType()).startsWith("application/problem+json");
        assertThat(noNote.json().path("field").asText()).isEqualTo("note");
        Api.Reply badOutcome = api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"MAYBE\"}");
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().path("field").asText()).isEqualTo("outcome");

        complete("handler1", triage, "{\"outcome\":\"NEEDS_INFO\",\"note\":\"ask the roaming partner for the VLR trace\"}");
        String again = task("handler1", caseId, "Triage");
        assertThat(again).isNotEqualTo(triage);
        complete("handler1", again, "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        String review = task("handler1", caseId, "CustomerContact");
        complete("handler1", review, "{\"note\":\"left a message\"}");
        String refund = task("handler1", caseId, "RefundReview");
        Api.Reply negative = api.post("handler1", "/api/v1/tasks/" + refund + "/complete", "{\"amount\":-5}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("field").asText()).isEqualTo("amount");
        complete("handler1", refund, "{\"amount\":0}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("NONE");
        assertThat(actions(c)).doesNotContain("REFUND_ORDERED");
    }

    @Test
    @Order(5)
    void anOverdueTriageEscalatesToSupervisorsWhoCanTakeItOver() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        String triage = task("handler1", caseId, "Triage");
        assertThat(api.post("handler1", "/api/v1/tasks/" + triage + "/claim", "").status()).isEqualTo(200);
        JsonNode escalated = await("the triage escalated", () -> api.get("supervisor1", "/api/v1/tasks/" + triage).json(),
                v -> !v.path("task").path("escalatedAt").isNull());
        assertThat(escalated.path("task").path("groups").toString()).contains("supervisor");
        assertThat(count("SELECT count(*) FROM jbpm_user_tasks_potential_groups WHERE task_id = ? AND group_id = 'supervisor'",
                triage)).as("Kogito's task now admits supervisors too; " + awaitCase(caseId, v -> true).path("history"))
                .isEqualTo(1);
        assertThat(api.get("supervisor1", "/api/v1/tasks?escalated=true&caseId=" + caseId).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(actions(awaitCase(caseId, v -> true))).contains("TASK_ESCALATED");
        // What the operations dashboards and the SLA alerts read (docs/operations.md).
        io.micrometer.core.instrument.MeterRegistry meters = service.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        await("the breach counted", () -> meters.get("ringfence.cases.sla.breaches").counter().count(), n -> n >= 1);
        assertThat(meters.get("ringfence.cases.tasks.overdue").gauge().value()).as("the claimed triage is still open, past due")
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("ringfence.cases.open").gauge().value()).isGreaterThanOrEqualTo(1);

        // handler1 sits on it: a colleague may not take it, a supervisor may hand it on.
        assertThat(api.post("handler2", "/api/v1/tasks/" + triage + "/delegate", "{\"to\":\"handler2\"}").status())
                .as("another handler's task is not theirs to see").isEqualTo(404);
        Api.Reply handedOn = api.post("supervisor1", "/api/v1/tasks/" + triage + "/delegate", "{\"to\":\"handler2\"}");
        assertThat(handedOn.status()).as(handedOn.body()).isEqualTo(200);
        assertThat(handedOn.json().path("task").path("owner").asText()).isEqualTo("handler2");
        assertThat(api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"FALSE_POSITIVE\"}").status())
                .as("no longer handler1's").isIn(404, 409);
        Api.Reply released = api.post("handler2", "/api/v1/tasks/" + triage + "/release", "");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().path("task").path("owner").isNull()).isTrue();
        complete("handler2", triage, "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"known traveller\"}");
        JsonNode closed = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(actions(closed)).contains("TASK_DELEGATED", "NOTHING_TO_LIFT");
    }

    @Test
    @Order(6)
    void identityComesFromTheSignInNeverFromAParameter() {
        Api.Reply anonymous = api.get(null, "/api/v1/tasks");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        String triage = task("handler1", caseId, "Triage");
        Api.Reply impersonating = api.post("handler2", "/api/v1/tasks/" + triage + "/claim?user=handler1&group=case-handler", "");
        assertThat(impersonating.status()).isEqualTo(200);
        assertThat(impersonating.json().path("task").path("owner").asText()).isEqualTo("handler2");

        Api.Reply compliance = api.post("compliance1", "/api/v1/cases", "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700000001\"},"
                + "\"typology\":\"SIM_SWAP\",\"note\":\"x\"}");
        assertThat(compliance.status()).as("a compliance officer does not open cases").isEqualTo(403);
        Api.Reply badKind = api.post("analyst1", "/api/v1/cases", "{\"target\":{\"kind\":\"PLANET\",\"value\":\"mars\"},"
                + "\"typology\":\"SIM_SWAP\",\"note\":\"x\"}");
        assertThat(badKind.status()).isEqualTo(400);
        String manualSub = msisdn();
        String request = "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"" + manualSub
                + "\"},\"subscriber\":\"" + manualSub + "\",\"typology\":\"SIM_SWAP\",\"severity\":\"HIGH\",\"note\":\"call centre report\"}";
        Api.Reply unproven = api.post("analyst1", "/api/v1/cases", request);
        assertThat(unproven.status()).as("no evidence, no supervisor").isEqualTo(403);
        assertThat(unproven.json().path("rule").asText()).isEqualTo("EVIDENCE_TO_OPEN");
        Api.Reply opened = api.post("supervisor1", "/api/v1/cases", request);
        assertThat(opened.status()).isEqualTo(201);
        String manual = opened.json().path("caseId").asText();
        assertThat(opened.json().path("openedBy").asText()).isEqualTo("supervisor1");
        assertThat(opened.json().path("subscriber").isNull()).as("a typed-in subscriber is not the case's").isTrue();
        assertThat(task("handler1", manual, "Triage")).isNotBlank();
        assertThat(api.get("supervisor1", "/api/v1/tasks?caseId=" + manual).json().path("total").asLong())
                .as("the opener does not see the tasks of their own case").isZero();
    }

    @Test
    @Order(7)
    void aRestartInTheMiddleOfACaseResumesWhereItWas() throws Exception {
        service.close();
        // No SLA check runs in this life of the service: the deadline must outlive it.
        service = startService("PT2S", "PT1H");
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        complete("handler1", task("handler1", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        String contact = task("handler1", caseId, "CustomerContact");
        String late = msisdn();
        String lateCase = openCase("OPEN_CASE", "SUBSCRIBER", late, late);
        String lateTriage = task("handler1", lateCase, "Triage");
        Thread.sleep(2500);
        assertThat(api.get("handler1", "/api/v1/tasks/" + lateTriage).json().path("task").path("escalatedAt").isNull()).isTrue();
        service.close();

        service = startService("PT2S", "PT1S");
        assertThat(task("handler1", caseId, "CustomerContact")).as("the same task, still open").isEqualTo(contact);
        complete("handler1", contact, "{\"note\":\"reached after the restart\"}");
        complete("handler1", task("handler1", caseId, "RefundReview"), "{\"amount\":0}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("outcome").asText()).isEqualTo("CONFIRMED_FRAUD");
        await("the deadline that fell due while the service was down escalates", () -> api.get("handler1",
                "/api/v1/tasks/" + lateTriage).json(), v -> !v.path("task").path("escalatedAt").isNull());
    }

    @Test
    @Order(8)
    void billingsRefusalClosesTheRefundStepAndAnAnswerThatCannotBeUsedIsDeadLettered() throws Exception {
        String sub = msisdn();
        String caseId = refundWaitingForBilling(sub, "25");
        String refund = "refund-" + caseId;
        billing("not json");
        billing("{\"refundId\":\"refund-nobody-ordered\",\"status\":\"APPLIED\",\"reference\":\"CR-1\"}");
        billing("{\"refundId\":\"" + refund + "\",\"status\":\"APPLIED\"}");
        String refused = "{\"refundId\":\"" + refund + "\",\"status\":\"REFUSED\",\"reason\":\"account closed\","
                + "\"amount\":24.50,\"currency\":\"EUR\"}";
        billing(refused);

        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("refundStatus").asText()).isEqualTo("REFUSED");
        assertThat(c.path("fraudCase").path("refundReference").asText()).isEqualTo("account closed");
        assertThat(c.path("fraudCase").path("refundConfirmedBy").asText()).isEqualTo("billing");
        JsonNode answer = historyDetail(c, "REFUND_REFUSED_BY_BILLING");
        assertThat(answer.path("reason").asText()).isEqualTo("account closed");
        assertThat(answer.path("amountDiffers").asBoolean()).isTrue();
        assertThat(answer.path("orderedAmount").asText()).isEqualTo("25.00");
        assertThat(actions(c)).containsSubsequence("REFUND_ORDERED", "REFUND_REFUSED_BY_BILLING", "CASE_CLOSED")
                .doesNotContain("REFUND_APPLIED");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND action = 'REFUND_REFUSED_BY_BILLING' "
                + "AND actor = 'billing'", caseId)).as("billing's answer is in the audit trail in its name").isEqualTo(1);

        // The same answer again changes nothing; a marker after it shows it has been read.
        int steps = c.path("history").size();
        billing(refused);
        billing("{\"refundId\":\"marker-" + caseId + "\",\"status\":\"REFUSED\",\"reason\":\"marker\"}");
        Map<String, String> dead = await("the marker dead-lettered", () -> deadLetters(ACKS_DLQ),
                d -> d.keySet().stream().anyMatch(k -> k.contains("marker-" + caseId)));
        assertThat(dead.get("not json")).startsWith("not JSON");
        assertThat(dead.get("{\"refundId\":\"refund-nobody-ordered\",\"status\":\"APPLIED\",\"reference\":\"CR-1\"}"))
                .isEqualTo("no refund order refund-nobody-ordered was issued by Ringfence");
        assertThat(dead.get("{\"refundId\":\"" + refund + "\",\"status\":\"APPLIED\"}")).isEqualTo("reference is required");
        assertThat(dead).doesNotContainKey(refused);
        assertThat(awaitCase(caseId, v -> true).path("history").size()).isEqualTo(steps);
    }

    @Test
    @Order(9)
    void aSupervisorConfirmsARefundByHandWhenBillingAnsweredAnotherWay() {
        String sub = msisdn();
        String caseId = refundWaitingForBilling(sub, "12.30");
        String step = task("supervisor1", caseId, "BillingConfirmation");
        assertThat(api.get("handler1", "/api/v1/tasks?caseId=" + caseId + "&name=BillingConfirmation").json().path("total")
                .asLong()).as("the step is the supervisors'").isZero();
        Api.Reply noReference = api.post("supervisor1", "/api/v1/tasks/" + step + "/complete", "{\"status\":\"APPLIED\"}");
        assertThat(noReference.status()).isEqualTo(400);
        assertThat(noReference.json().path("field").asText()).isEqualTo("reference");
        complete("supervisor1", step, "{\"status\":\"APPLIED\",\"reference\":\"CR-PHONE-7\",\"note\":\"billing confirmed by phone\"}");

        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        JsonNode done = null;
        for (JsonNode h : c.path("history")) {
            if ("TASK_COMPLETED".equals(h.path("action").asText()) && step.equals(h.path("taskId").asText())) {
                done = h;
            }
        }
        assertThat(done).as("the step's completion in the journal").isNotNull();
        assertThat(done.path("actor").asText()).isEqualTo("supervisor1");
        assertThat(done.toString()).contains("CR-PHONE-7");
        assertThat(c.path("fraudCase").path("refundStatus").asText()).isEqualTo("APPLIED");
        assertThat(c.path("fraudCase").path("refundReference").asText()).isEqualTo("CR-PHONE-7");
        assertThat(c.path("fraudCase").path("refundConfirmedBy").asText()).isEqualTo("supervisor1");
        assertThat(historyDetail(c, "REFUND_APPLIED").path("byHand").asBoolean()).isTrue();

        // Billing's own answer comes later: the same one changes nothing; a contrary one is a conflict for a person.
        String refund = "refund-" + caseId;
        int steps = c.path("history").size();
        billing("{\"refundId\":\"" + refund + "\",\"status\":\"APPLIED\",\"reference\":\"CR-PHONE-7\"}");
        String contrary = "{\"refundId\":\"" + refund + "\",\"status\":\"REFUSED\",\"reason\":\"account closed\"}";
        billing(contrary);
        Map<String, String> dead = await("the contrary answer dead-lettered", () -> deadLetters(ACKS_DLQ),
                d -> d.containsKey(contrary));
        assertThat(dead.get(contrary)).isEqualTo("case " + caseId + "'s refund step was completed as APPLIED (CR-PHONE-7) "
                + "by supervisor1; billing now says REFUSED (account closed)");
        assertThat(dead).doesNotContainKey("{\"refundId\":\"" + refund + "\",\"status\":\"APPLIED\",\"reference\":\"CR-PHONE-7\"}");
        JsonNode after = awaitCase(caseId, v -> actions(v).contains("BILLING_ACK_CONFLICT"));
        assertThat(after.path("history").size()).as("the repeat added nothing; the conflict one entry").isEqualTo(steps + 1);
        assertThat(after.path("fraudCase").path("refundStatus").asText()).as("the recorded answer stands").isEqualTo("APPLIED");
    }

    /** A confirmed fraud whose refund a second supervisor approved: ordered, and waiting for billing. */
    private String refundWaitingForBilling(String sub, String amount) {
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        complete("supervisor1", task("supervisor1", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        complete("supervisor1", task("supervisor1", caseId, "CustomerContact"), "{\"note\":\"called back\"}");
        complete("supervisor1", task("supervisor1", caseId, "RefundReview"), "{\"amount\":\"" + amount + "\"}");
        complete("supervisor2", task("supervisor2", caseId, "RefundApproval"), "{\"approved\":true}");
        task("supervisor2", caseId, "BillingConfirmation");
        assertThat(awaitCase(caseId, v -> true).path("fraudCase").path("status").asText()).isEqualTo("OPEN");
        return caseId;
    }
}
