package io.ringfence.blocks;

import io.ringfence.contract.Action;
import io.ringfence.decision.BlockRegistry;
import io.ringfence.decision.BlockRegistry.Block;
import io.ringfence.contract.Target;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Blocks in force, shared by every instance through {@code active_block}. Reads see committed
 * blocks, those of the batch still being committed, and those decided earlier in the batch being
 * built by the same partition; writes wait for the batch's transaction, where a conditional upsert
 * settles a race between two instances blocking the same target: the loser's decision is held back
 * instead of sent.
 *
 * <p>Each partition decides through its own view ({@link #partition}), because partitions are processed
 * on several threads: a partition does not see the blocks another partition decided in the same batch,
 * whatever the thread timing. At {@link #seal()} their blocks are written in partition order, so two
 * partitions blocking one target in one batch settle as two instances would, with the same winner every
 * time: the lower partition's block stands unless it has lapsed by the other's start.
 */
public final class JdbcBlockRegistry {
    private record Key(Action action, Target target) {
    }

    /** A block decided in this batch, with the block it replaces as the decider saw it (or null). */
    private record Pending(Key key, Block block, Block replaced) {
        /** What the conditional upsert lets through: {@code next} replaces this block in the table. */
        boolean replacedBy(Pending next) {
            return next.block.decisionId().equals(block.decisionId()) || block.expiresAtMillis() <= next.block.setAtMillis()
                    || next.replaced != null && next.replaced.decisionId().equals(block.decisionId());
        }
    }

    /** A finished batch's blocks, handed to the thread that commits it; never changed after sealing. */
    public static final class Sealed {
        /** In partition order, a partition's own blocks in the order it decided them. */
        private final List<Pending> writes;
        private final Set<String> heldBack;

        private Sealed(List<Pending> writes, Set<String> heldBack) {
            this.writes = writes;
            this.heldBack = heldBack;
        }

        /** Decision ids whose block lost to another partition's block on the same target in the same batch. */
        public Set<String> heldBackInBatch() {
            return heldBack;
        }
    }

    /** One partition's blocks of the batch being built; used by one thread at a time. */
    private final class View implements BlockRegistry {
        private Map<Key, Pending> pending = new LinkedHashMap<>();
        /** What the current record's event replaced in {@link #pending}: null where it added a key. */
        private final Map<Key, Pending> beforeRecord = new HashMap<>();

        @Override
        public Block active(Action action, Target target, long nowMillis) {
            Key key = new Key(action, target);
            Pending p = pending.get(key);
            if (p == null) {
                p = inFlight.get(key);
            }
            Block b = p != null ? p.block() : store.find(action, target);
            return b != null && b.expiresAtMillis() > nowMillis ? b : null;
        }

        @Override
        public void put(Action action, Target target, Block block, long nowMillis) {
            Key key = new Key(action, target);
            Pending earlier = pending.get(key);
            Block replaced = earlier != null ? earlier.replaced() : active(action, target, nowMillis);
            if (!beforeRecord.containsKey(key)) {
                beforeRecord.put(key, earlier);
            }
            pending.put(key, new Pending(key, block, replaced));
        }

        void beginRecord() {
            beforeRecord.clear();
        }

        void takeBackRecord() {
            beforeRecord.forEach((key, earlier) -> {
                if (earlier == null) {
                    pending.remove(key);
                } else {
                    pending.put(key, earlier);
                }
            });
            beforeRecord.clear();
        }
    }

    private final BlockStore store;
    /** Sorted, so that sealing merges the partitions in partition order. */
    private final Map<Integer, View> views = new ConcurrentSkipListMap<>();
    /**
     * The previous batch's blocks while its transaction is open, as the table will hold them: not yet visible
     * there. Replaced between batches only, read by every partition's thread.
     */
    private volatile Map<Key, Pending> inFlight = Map.of();

    public JdbcBlockRegistry(BlockStore store) {
        this.store = store;
    }

    /** Where one partition's decider asks and records blocks. */
    public BlockRegistry partition(int partition) {
        return view(partition);
    }

    /** The partition starts on its next record: what that record's event decides may have to be taken back. */
    public void beginRecord(int partition) {
        view(partition).beginRecord();
    }

    /**
     * The record's event was set aside (the fault barrier): the blocks it decided are taken back with its
     * decisions, so no block is written, nor held in force, for a decision that was never made.
     */
    public void takeBackRecord(int partition) {
        view(partition).takeBackRecord();
    }

    private View view(int partition) {
        return views.computeIfAbsent(partition, p -> new View());
    }

    /**
     * The batch is complete (no partition is deciding): its blocks go to be committed, and stay visible until
     * {@link #committed()}.
     */
    public Sealed seal() {
        List<Pending> writes = new ArrayList<>();
        Map<Key, Pending> standing = new LinkedHashMap<>();
        Set<String> heldBack = new HashSet<>();
        for (View v : views.values()) {
            for (Pending p : v.pending.values()) {
                writes.add(p);
                Pending before = standing.get(p.key());
                if (before == null || before.replacedBy(p)) {
                    standing.put(p.key(), p);
                } else {
                    heldBack.add(p.block().decisionId());
                }
            }
            v.pending = new LinkedHashMap<>();
            v.beforeRecord.clear();
        }
        inFlight = standing;
        return new Sealed(writes, Set.copyOf(heldBack));
    }

    /** The sealed batch's transaction ended; what it decided is now in the table, or never happened. */
    public void committed() {
        inFlight = Map.of();
    }

    /**
     * Writes a sealed batch's blocks in the caller's transaction; safe on another thread. The table decides
     * between two partitions' blocks on one target exactly as {@link #seal()} foresaw.
     *
     * @return decision ids whose block lost a race with another partition or instance: they must not be sent
     */
    public static Set<String> flush(Sealed sealed, Connection tx) throws SQLException {
        List<BlockStore.Write> writes = new ArrayList<>();
        for (Pending p : sealed.writes) {
            Block replaced = p.replaced();
            writes.add(new BlockStore.Write(p.key().action(), p.key().target(), p.block(),
                    replaced == null ? "" : replaced.decisionId()));
        }
        return BlockStore.write(writes, tx);
    }

    /** Every batch was committed or abandoned: what they decided is now in the table, or never happened. */
    public void clear() {
        views.values().forEach(v -> {
            v.pending = new LinkedHashMap<>();
            v.beforeRecord.clear();
        });
        inFlight = Map.of();
    }

    /** The partition went to another instance (between batches). */
    public void forget(int partition) {
        views.remove(partition);
    }
}
