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
    /**
     * A rule set approved to run in shadow: every partition runs it beside the live one on the same events, and what
     * it decides is kept beside what the live rules decided, never sent.
     *
     * @param run what its rows are kept under: {@code rules:<change id>}
     */
    public record Shadow(RuleSet rules, String run) {
    }

    private final RuleSet base;
    private final AtomicReference<RuleSet> current;
    private final AtomicReference<Shadow> shadow = new AtomicReference<>();

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

    /** The rule set in shadow, or null. */
    public Shadow shadow() {
        return shadow.get();
    }

    void putShadow(Shadow next) {
        shadow.set(next);
    }
}
