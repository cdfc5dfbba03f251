package io.ringfence.blocks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes blocks that have run out from {@code active_block}, which otherwise only grows. "Run out" is
 * judged on two clocks: the wall clock, and the stream's event time (the slowest partition's newest
 * committed event), because the stream decides on event time and a replayed or delayed stream can be
 * hours behind the wall: a block is gone only when both clocks have passed its expiry. Redis's mirror
 * keys carry their own expiry and need no sweep.
 */
@Component
public class LapsedBlocks {
    private static final Logger log = LoggerFactory.getLogger(LapsedBlocks.class);
    private final BlockStore store;

    public LapsedBlocks(BlockStore store) {
        this.store = store;
    }

    /** @return how many lapsed blocks were deleted */
    public int sweep() {
        return store.sweepLapsed();
    }

    @Scheduled(initialDelayString = "${ringfence.blocks.sweep:PT10M}", fixedDelayString = "${ringfence.blocks.sweep:PT10M}")
    void scheduled() {
        try {
            int n = sweep();
            if (n > 0) {
                log.info("deleted {} lapsed block(s) from active_block", n);
            }
        } catch (RuntimeException e) {
            log.warn("lapsed-block sweep failed, retrying at the next one: {}", e.getMessage());
        }
    }
}
