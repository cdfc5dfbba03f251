package io.ringfence.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Billing's word on a refund order ({@code billing.refunds.acks}, docs/schemas/refund-acknowledgement.schema.json):
 * it credited the subscriber (APPLIED, with its reference) or would not (REFUSED, with its reason).
 *
 * @param amount   what billing credited, when it says; compared with the order's
 * @param at       when billing acted, when it says
 */
record RefundAck(String refundId, Status status, String reference, String reason, BigDecimal amount, String currency,
                 Instant at) {
    static final int MAX_REFERENCE = 200;
    static final int MAX_REASON = 1000;
    // Money as written: 12.50 stays 12.50, never a binary double.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    enum Status { APPLIED, REFUSED }

    /** An acknowledgement that cannot be used, with the reason the dead-letter record carries. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason);
        }
    }

    static RefundAck parse(String value) throws Invalid {
        if (value == null || value.isBlank()) {
            throw new Invalid("empty record");
        }
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new Invalid("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new Invalid("not a JSON object");
        }
        String refundId = text(n, "refundId", 200, true);
        String status = text(n, "status", 20, true);
        Status s;
        try {
            s = Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new Invalid("status must be APPLIED or REFUSED");
        }
        String reference = text(n, "reference", MAX_REFERENCE, s == Status.APPLIED);
        String reason = text(n, "reason", MAX_REASON, s == Status.REFUSED);
        BigDecimal amount = null;
        JsonNode a = n.get("amount");
        if (a != null && !a.isNull()) {
            if (!a.isNumber() || a.decimalValue().signum() < 0) {
                throw new Invalid("amount must be a number, 0 or more");
            }
            amount = a.decimalValue();
        }
        String currency = notBlank(n, "currency", 3);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw new Invalid("currency must be an ISO 4217 code such as EUR");
        }
        String at = notBlank(n, "at", 40);
        Instant when = null;
        if (at != null) {
            try {
                when = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new Invalid("at must be an ISO-8601 instant such as 2026-03-02T10:15:00Z");
            }
        }
        return new RefundAck(refundId, s, reference, reason, amount, currency, when);
    }

    /** An optional field that, when given, says something: "" is refused, as the schema refuses it. */
    private static String notBlank(JsonNode n, String field, int max) throws Invalid {
        JsonNode v = n.get(field);
        if (v != null && v.isTextual() && v.asText().isBlank()) {
            throw new Invalid(field + " is empty: leave it out when billing does not say");
        }
        return text(n, field, max, false);
    }

    private static String text(JsonNode n, String field, int max, boolean required) throws Invalid {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw new Invalid(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Invalid(field + " must be a string");
        }
        if (v.asText().length() > max) {
            throw new Invalid(field + " is longer than " + max + " characters");
        }
        return v.asText();
    }

    /** What the case journal keeps of it. */
    Map<String, Object> detail() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("refundId", refundId);
        d.put("status", status.name());
        if (reference != null) {
            d.put("reference", reference);
        }
        if (reason != null) {
            d.put("reason", reason);
        }
        if (amount != null) {
            d.put("amount", amount.toPlainString());
        }
        if (currency != null) {
            d.put("currency", currency);
        }
        if (at != null) {
            d.put("at", at.toString());
        }
        return d;
    }
}
