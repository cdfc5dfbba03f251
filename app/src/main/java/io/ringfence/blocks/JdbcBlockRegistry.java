package io.ringfence.blocks;

import io.ringfence.contract.Action;
import io.ringfence.decision.BlockRegistry;
import io.ringfence.contract.Target;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Blocks in force, shared by every instance through {@code active_block}. Reads see committed
 * blocks, those of the batch still being committed, and those decided earlier in the batch being
 * built; writes wait for the batch's transaction, where a conditional upsert settles a race between
 * two instances blocking the same target: the loser's decision is held back instead of sent.
 */
public final class JdbcBlockRegistry implements BlockRegistry {
    private record Key(Action action, Target target) {
    }

    /** A block decided in this batch, with the block it replaces as the decider saw it (or null). */
    private record Pending(Block block, Block replaced) {
    }

    /** A finished batch's blocks, handed to the thread that commits it; never changed after sealing. */
    public static final class Sealed {
        private final Map<Key, Pending> blocks;

        private Sealed(Map<Key, Pending> blocks) {
            this.blocks = blocks;
        }
    }

    private final BlockStore store;
    private Map<Key, Pending> pending = new LinkedHashMap<>();
    /** The previous batch's blocks while its transaction is open: not yet visible in the table. */
    private Map<Key, Pending> inFlight = Map.of();

    public JdbcBlockRegistry(BlockStore store) {
        this.store = store;
    }

    @Override
    public Block active(Action action, Target target, long nowMillis) {
        Key key = new Key(action, target);
        Pending p = pending.get(key);
        if (p == null) {
            p = inFlight.get(key);
        }
        Block b = p != null ? p.block() : committed(action, target);
        return b != null && b.expiresAtMillis() > nowMillis ? b : null;
    }

    private Block committed(Action action, Target target) {
        return store.find(action, target);
    }

    @Override
    public void put(Action action, Target target, Block block, long nowMillis) {
        Key key = new Key(action, target);
        Pending earlier = pending.get(key);
        Block replaced = earlier != null ? earlier.replaced() : active(action, target, nowMillis);
        pending.put(key, new Pending(block, replaced));
    }

    /** The batch is complete: its blocks go to be committed, and stay visible until {@link #committed()}. */
    public Sealed seal() {
        Sealed sealed = new Sealed(pending);
        inFlight = pending;
        pending = new LinkedHashMap<>();
        return sealed;
    }

    /** The sealed batch's transaction ended; what it decided is now in the table, or never happened. */
    public void committed() {
        inFlight = Map.of();
    }

    /**
     * Writes a sealed batch's blocks in the caller's transaction; safe on another thread.
     *
     * @return decision ids whose block lost a race with another instance: they must not be sent
     */
    public static Set<String> flush(Sealed sealed, Connection tx) throws SQLException {
        List<BlockStore.Write> writes = new ArrayList<>();
        for (Map.Entry<Key, Pending> e : sealed.blocks.entrySet()) {
            Block replaced = e.getValue().replaced();
            writes.add(new BlockStore.Write(e.getKey().action(), e.getKey().target(), e.getValue().block(),
                    replaced == null ? "" : replaced.decisionId()));
        }
        return BlockStore.write(writes, tx);
    }

    /** Every batch was committed or abandoned: what they decided is now in the table, or never happened. */
    public void clear() {
        pending = new LinkedHashMap<>();
        inFlight = Map.of();
    }
}
