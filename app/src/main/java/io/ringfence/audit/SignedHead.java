package io.ringfence.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

/**
 * A day's audit chain head as published outside the database: "on {@code signedAt}, the chain of
 * {@code day} ended at {@code lastSeq} with {@code headHash}", signed with Ed25519. Sequence numbers
 * start at 1 without gaps, so {@code lastSeq} is also the day's count of entries.
 *
 * <p>The signature covers a fixed text form of the fields, not the JSON, so that re-serialising the
 * JSON (another field order, spacing) cannot break it.
 */
public record SignedHead(LocalDate day, long lastSeq, String headHash, Instant signedAt, String keyId, String signature) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "ringfence-audit-head/1";

    static SignedHead sign(LocalDate day, long lastSeq, String headHash, Instant signedAt, PrivateKey key, String keyId) {
        SignedHead unsigned = new SignedHead(day, lastSeq, headHash, signedAt, keyId, null);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(unsigned.signedBytes());
            return new SignedHead(day, lastSeq, headHash, signedAt, keyId, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the audit head of " + day, e);
        }
    }

    /** True when the signature is this key's over these fields. */
    public boolean verifies(PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signedBytes());
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] signedBytes() {
        return String.join("\n", FORMAT, day.toString(), Long.toString(lastSeq), headHash, signedAt.toString(), keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One line of JSON: {@code {"format":...,"day":...,"lastSeq":...,"headHash":...,"signedAt":...,"keyId":...,"signature":...}}. */
    public String toJsonLine() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("day", day.toString());
        n.put("lastSeq", lastSeq);
        n.put("headHash", headHash);
        n.put("signedAt", signedAt.toString());
        n.put("keyId", keyId);
        n.put("signature", signature);
        return n.toString();
    }

    /** @throws IllegalArgumentException naming what is wrong with the line */
    public static SignedHead parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException("format is not " + FORMAT);
        }
        try {
            return new SignedHead(LocalDate.parse(text(n, "day")), Long.parseLong(text(n, "lastSeq")), text(n, "headHash"),
                    Instant.parse(text(n, "signedAt")), text(n, "keyId"), text(n, "signature"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.asText();
    }
}
