package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.workflows.TriageOutcome;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome form of each task: what a handler must give to complete it, checked before the process
 * sees it. The server adds who did it ({@code requestedBy}, {@code approvedBy}); a client cannot.
 */
final class TaskForms {
    static final int MAX_NOTE = 4000;
    static final BigDecimal MAX_REFUND = new BigDecimal("1000000");

    /** What the task list shows a handler about each task's form. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "Triage", List.of("outcome: CONFIRMED_FRAUD | FALSE_POSITIVE | NEEDS_INFO", "note (required with NEEDS_INFO)"),
            "CustomerContact", List.of("note: what the customer was told and said"),
            "RefundReview", List.of("amount: the refund owed, 0 for none (2 decimals)", "note"),
            "RefundApproval", List.of("approved: true | false", "note"),
            "BillingConfirmation", List.of("status: APPLIED | REFUSED (what billing says it did)",
                    "reference: billing's reference for the credit (required with APPLIED)", "note (required with REFUSED)"));

    private TaskForms() {
    }

    static Map<String, Object> outputs(String task, JsonNode form, String user) {
        if (form == null || !form.isObject()) {
            throw CaseException.invalid("body", "a JSON object with the task's outcome");
        }
        Map<String, Object> out = new HashMap<>();
        switch (task) {
            case "Triage" -> {
                String outcome = text(form, "outcome");
                try {
                    TriageOutcome.valueOf(outcome == null ? "" : outcome);
                } catch (IllegalArgumentException e) {
                    throw CaseException.invalid("outcome", "one of CONFIRMED_FRAUD, FALSE_POSITIVE, NEEDS_INFO");
                }
                String note = note(form, TriageOutcome.NEEDS_INFO.name().equals(outcome));
                out.put("outcome", outcome);
                out.put("note", note);
            }
            case "CustomerContact" -> out.put("note", note(form, true));
            case "RefundReview" -> {
                out.put("amount", amount(form).doubleValue());
                out.put("requestedBy", user);
                note(form, false);
            }
            case "RefundApproval" -> {
                JsonNode approved = form.get("approved");
                if (approved == null || !approved.isBoolean()) {
                    throw CaseException.invalid("approved", "true or false");
                }
                out.put("approved", approved.booleanValue());
                out.put("approvedBy", user);
                out.put("note", note(form, false));
            }
            case "BillingConfirmation" -> {
                String status = text(form, "status");
                if (!"APPLIED".equals(status) && !"REFUSED".equals(status)) {
                    throw CaseException.invalid("status", "APPLIED or REFUSED: what billing says it did with the refund");
                }
                String reference = text(form, "reference");
                if (reference != null && reference.length() > RefundAck.MAX_REFERENCE) {
                    throw CaseException.invalid("reference", "at most " + RefundAck.MAX_REFERENCE + " characters");
                }
                if ("APPLIED".equals(status) && (reference == null || reference.isBlank())) {
                    throw CaseException.invalid("reference", "billing's reference for the credit it applied");
                }
                out.put("status", status);
                out.put("reference", reference);
                out.put("note", note(form, "REFUSED".equals(status)));
            }
            default -> throw CaseException.conflict("task " + task + " has no outcome form");
        }
        return out;
    }

    static BigDecimal amount(JsonNode form) {
        JsonNode a = form.get("amount");
        if (a == null || !(a.isNumber() || a.isTextual())) {
            throw CaseException.invalid("amount", "a number, 0 for no refund");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(a.asText());
        } catch (NumberFormatException e) {
            throw CaseException.invalid("amount", "a number, 0 for no refund");
        }
        if (v.signum() < 0 || v.compareTo(MAX_REFUND) > 0 || v.stripTrailingZeros().scale() > 2) {
            throw CaseException.invalid("amount", "between 0 and " + MAX_REFUND.toPlainString() + " with at most 2 decimals");
        }
        return v.setScale(2);
    }

    private static String note(JsonNode form, boolean required) {
        String note = text(form, "note");
        if (note != null && note.length() > MAX_NOTE) {
            throw CaseException.invalid("note", "at most " + MAX_NOTE + " characters");
        }
        if (required && (note == null || note.isBlank())) {
            throw CaseException.invalid("note", "required");
        }
        return note;
    }

    private static String text(JsonNode form, String field) {
        JsonNode v = form.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
