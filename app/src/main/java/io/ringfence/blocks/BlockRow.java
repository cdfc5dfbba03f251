package io.ringfence.blocks;

/** A block in force as the store has it: what the screening mirror is rebuilt from. */
public record BlockRow(String action, String targetKind, String targetValue, String decisionId,
                       long expiresAtMillis) {
}
