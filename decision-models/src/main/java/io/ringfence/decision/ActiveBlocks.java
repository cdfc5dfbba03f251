package io.ringfence.decision;

import io.ringfence.detection.Subject;

import java.util.HashMap;
import java.util.Map;

/**
 * Blocks in force, by action and target, so that a second identical block is not sent to the switches
 * while the first still holds. Event time throughout: replay and streaming agree. The streaming
 * service keeps the same facts in Redis so that every instance sees them.
 */
final class ActiveBlocks {
    record Block(String decisionId, long expiresAtMillis, boolean caseOpened) {
    }

    private record Key(Action action, Subject target) {
    }

    private static final int SWEEP_EVERY = 4096;
    private final Map<Key, Block> blocks = new HashMap<>();
    private int untilSweep = SWEEP_EVERY;

    /** The block in force for this action and target at {@code nowMillis}, or null. */
    Block active(Action action, Subject target, long nowMillis) {
        Block b = blocks.get(new Key(action, target));
        return b != null && b.expiresAtMillis() > nowMillis ? b : null;
    }

    void add(Action action, Subject target, Block block, long nowMillis) {
        blocks.put(new Key(action, target), block);
        if (--untilSweep == 0) {
            untilSweep = SWEEP_EVERY;
            blocks.values().removeIf(b -> b.expiresAtMillis() <= nowMillis);
        }
    }

    /** A case was opened on the target while its block held: later alerts need not open another. */
    void caseOpened(Action action, Subject target) {
        blocks.computeIfPresent(new Key(action, target), (k, b) -> new Block(b.decisionId(), b.expiresAtMillis(), true));
    }

    int size() {
        return blocks.size();
    }
}
