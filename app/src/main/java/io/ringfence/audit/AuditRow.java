package io.ringfence.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.List;

/**
 * The content of one {@code audit_entry} row that its hash covers: every column except
 * {@code prev_hash} and {@code hash} themselves.
 *
 * <p>Canonical bytes: the fields in the order of this record, each as a 4-byte big-endian length
 * (-1 for null) followed by its UTF-8 text; times as epoch microseconds (the column's precision), days
 * as ISO dates, booleans as {@code true}/{@code false}, arrays as their count then each element. The
 * format is part of the stored data: changing it breaks every existing chain (version it if needed).
 */
public record AuditRow(long recordedAtMicros, LocalDate chainDay, long chainSeq, String entryKind, String decisionId,
                       String actor, String action, Boolean emitted, String suppressedBy, String targetKind,
                       String targetValue, String typology, String subscriber, String caseId, List<String> alertIds,
                       List<String> eventIds, String ruleSetVersion, String decisionModel, String decisionModelVersion,
                       String model, String modelVersion, String payload) {
    /** The previous hash of a day's first row. */
    public static final byte[] GENESIS = new byte[32];

    public byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (payload == null ? 0 : payload.length()));
        text(out, Long.toString(recordedAtMicros));
        text(out, chainDay.toString());
        text(out, Long.toString(chainSeq));
        text(out, entryKind);
        text(out, decisionId);
        text(out, actor);
        text(out, action);
        text(out, emitted == null ? null : emitted.toString());
        text(out, suppressedBy);
        text(out, targetKind);
        text(out, targetValue);
        text(out, typology);
        text(out, subscriber);
        text(out, caseId);
        list(out, alertIds);
        list(out, eventIds);
        text(out, ruleSetVersion);
        text(out, decisionModel);
        text(out, decisionModelVersion);
        text(out, model);
        text(out, modelVersion);
        text(out, payload);
        return out.toByteArray();
    }

    /** SHA-256(prevHash || canonical bytes). */
    public byte[] hash(byte[] prevHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha.update(prevHash);
        sha.update(canonicalBytes());
        return sha.digest();
    }

    private static void list(ByteArrayOutputStream out, List<String> items) {
        if (items == null) {
            length(out, -1);
            return;
        }
        length(out, items.size());
        for (String s : items) {
            text(out, s);
        }
    }

    private static void text(ByteArrayOutputStream out, String s) {
        if (s == null) {
            length(out, -1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        length(out, b.length);
        out.writeBytes(b);
    }

    private static void length(ByteArrayOutputStream out, int n) {
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
    }
}
