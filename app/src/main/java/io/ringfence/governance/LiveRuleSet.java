package io.ringfence.governance;

import io.ringfence.detection.RuleSet;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set this instance must run. The stream's consumer thread compares it with the one its
 * partitions run between batches and, when it changed, rebuilds them from the last commit with the
 * new rules (docs/governance.md). {@link #base()} is the one configured at start, the rollback target
 * "shipped".
 */
public final class LiveRuleSet {
    private final RuleSet base;
    private final AtomicReference<RuleSet> current;

    public LiveRuleSet(RuleSet base) {
        this.base = base;
        this.current = new AtomicReference<>(base);
    }

    public RuleSet current() {
        return current.get();
    }

    public RuleSet base() {
        return base;
    }

    void put(RuleSet next) {
        current.set(next);
    }
}
