package io.ringfence.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the outputs of the two sides as they come. Both sides see each event in turn, so an output the
 * change does not touch arrives on both sides within the same event and is counted and dropped at once:
 * what is held is only what differs (and outputs one side has produced and the other not yet), so memory
 * follows the size of the change, not of the history.
 */
final class Comparison {
    /** Thrown when more differs than a job may keep: the change is too broad for the range asked. */
    static final class TooManyDifferences extends RuntimeException {
        TooManyDifferences(int limit) {
            super("more than " + limit + " alerts and decisions differ; backtest a shorter range");
        }
    }

    private final int maxHeld;
    private final Map<String, Output> liveOnly = new HashMap<>();
    private final Map<String, Output> draftOnly = new HashMap<>();
    private final List<Difference> changed = new ArrayList<>();
    private final long[] live = new long[Output.Kind.values().length];
    private final long[] draft = new long[Output.Kind.values().length];

    Comparison(int maxHeld) {
        this.maxHeld = maxHeld;
    }

    void live(Output o) {
        live[o.kind().ordinal()]++;
        pair(o, true);
    }

    void draft(Output o) {
        draft[o.kind().ordinal()]++;
        pair(o, false);
    }

    private void pair(Output o, boolean fromLive) {
        Map<String, Output> mine = fromLive ? liveOnly : draftOnly;
        Map<String, Output> theirs = fromLive ? draftOnly : liveOnly;
        Output twin = theirs.remove(o.matchKey());
        if (twin == null) {
            // A later output under the same key (an alert's final state after an escalation) replaces the earlier.
            mine.put(o.matchKey(), o);
        } else {
            Output l = fromLive ? o : twin;
            Output d = fromLive ? twin : o;
            if (!l.what().equals(d.what())) {
                changed.add(Difference.of(Difference.Change.CHANGED, l, d));
            }
        }
        if (liveOnly.size() + draftOnly.size() + changed.size() > maxHeld) {
            throw new TooManyDifferences(maxHeld);
        }
    }

    long liveCount(Output.Kind kind) {
        return live[kind.ordinal()];
    }

    long draftCount(Output.Kind kind) {
        return draft[kind.ordinal()];
    }

    /** After the last event: what one side has and the other never produced; in event-time order. */
    List<Difference> differences() {
        List<Difference> all = new ArrayList<>(changed);
        liveOnly.values().forEach(o -> all.add(Difference.of(Difference.Change.REMOVED, o, null)));
        draftOnly.values().forEach(o -> all.add(Difference.of(Difference.Change.ADDED, null, o)));
        all.sort(Comparator.comparingLong(Difference::atMillis).thenComparing(Difference::output)
                .thenComparing(Difference::key));
        return all;
    }
}
