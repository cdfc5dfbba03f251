package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.Target;

/**
 * Blocks in force, by action and target: what makes a second identical block order unnecessary.
 * Replay keeps them in memory; the streaming service keeps them in PostgreSQL, shared by every
 * instance and written in the same transaction as the decision.
 */
public interface BlockRegistry {
    /** A block in force: the decision that set it, when it was set and lifts, and whether a case was opened for it. */
    record Block(String decisionId, long setAtMillis, long expiresAtMillis, boolean caseOpened) {
        long durationMillis() {
            return expiresAtMillis - setAtMillis;
        }
    }

    /** The block in force for this action and target at {@code nowMillis}, or null. */
    Block active(Action action, Target target, long nowMillis);

    /** Records a block (new, or replacing one that lifts sooner). */
    void put(Action action, Target target, Block block, long nowMillis);

    static BlockRegistry inMemory() {
        return new InMemoryBlocks();
    }
}
