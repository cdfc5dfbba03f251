package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.Target;

import java.util.HashMap;
import java.util.Map;

/** Blocks in force for a single pipeline (replay, backtests), on event time; swept as they lapse. */
final class InMemoryBlocks implements BlockRegistry {
    private record Key(Action action, Target target) {
    }

    private static final int SWEEP_EVERY = 4096;
    private final Map<Key, Block> blocks = new HashMap<>();
    private int untilSweep = SWEEP_EVERY;

    @Override
    public Block active(Action action, Target target, long nowMillis) {
        Block b = blocks.get(new Key(action, target));
        return b != null && b.expiresAtMillis() > nowMillis ? b : null;
    }

    @Override
    public void put(Action action, Target target, Block block, long nowMillis) {
        blocks.put(new Key(action, target), block);
        if (--untilSweep == 0) {
            untilSweep = SWEEP_EVERY;
            blocks.values().removeIf(b -> b.expiresAtMillis() <= nowMillis);
        }
    }

    int size() {
        return blocks.size();
    }
}
