package io.ringfence.screening;

import io.ringfence.blocks.BlockRow;
import io.ringfence.blocks.BlockStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Prepares Redis before anything serves or consumes (the earliest lifecycle phase): seeds the
 * reference hot lists and rewrites the block mirror from {@code active_block}.
 * <ul>
 * <li>{@code ringfence.screening.seed-reference-lists}: {@code if-absent} (default: a list already in
 * Redis, perhaps imported through the API, is kept), {@code replace}, or {@code off}.</li>
 * <li>{@code ringfence.screening.reconcile-on-start} (default true).</li>
 * </ul>
 */
@Component
class ScreeningStartup implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningStartup.class);

    private final HotLists hotLists;
    private final ReferenceLists reference;
    private final BlockMirror mirror;
    private final BlockStore blocks;
    private final String seed;
    private final boolean reconcile;
    private final boolean denyHighRiskRanges;
    private volatile boolean running;

    ScreeningStartup(HotLists hotLists, ReferenceLists reference, BlockMirror mirror, BlockStore blocks,
                     @Value("${ringfence.screening.seed-reference-lists:if-absent}") String seed,
                     @Value("${ringfence.screening.reconcile-on-start:true}") boolean reconcile,
                     @Value("${ringfence.screening.deny-high-risk-ranges:false}") boolean denyHighRiskRanges) {
        this.denyHighRiskRanges = denyHighRiskRanges;
        this.hotLists = hotLists;
        this.reference = reference;
        this.mirror = mirror;
        this.blocks = blocks;
        this.seed = seed;
        this.reconcile = reconcile;
    }

    @Override
    public void start() {
        if (!"off".equals(seed)) {
            seed(HotList.IRSF_TEST, reference.irsfTestNumbers());
            // Whole country codes (satellite, small island states) carry diaspora and maritime calls too:
            // denying them outright is an operator's deliberate choice, not a default.
            if (denyHighRiskRanges) {
                seed(HotList.HIGH_RISK_RANGE, reference.highRiskRanges());
            }
        }
        if (reconcile) {
            reconcileFromStore();
        }
        running = true;
    }

    /** Rewrites the block mirror from the store's {@code active_block}. */
    void reconcileFromStore() {
        int[] count = new int[1];
        mirror.reconcile(() -> {
            List<BlockRow> rows = blocks.inForce();
            count[0] = rows.size();
            return rows;
        });
        LOG.info("Block mirror reconciled with {} active blocks", count[0]);
    }

    private void seed(HotList list, List<HotListCsv.Entry> entries) {
        if ("replace".equals(seed) || !hotLists.exists(list)) {
            hotLists.replace(list, entries);
            LOG.info("Hot list {} seeded from the reference data: {} entries", list.id(), entries.size());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the gRPC server, the web server and any consumer (all in later phases).
        return Integer.MIN_VALUE + 1000;
    }
}
