package io.ringfence.screening;

/** One row of the store's {@code active_block} table: a block in force, as the authoritative store has it. */
public record ActiveBlockRow(String action, String targetKind, String targetValue, String decisionId,
                             long expiresAtMillis) {
}
