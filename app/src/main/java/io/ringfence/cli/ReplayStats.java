package io.ringfence.cli;

import io.ringfence.simulator.LabelScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one replay run counted; filled by {@link Replay}, printed by {@link ReplayCommand}. */
final class ReplayStats {
    long lines;
    long blankLines;
    long accepted;
    long rejected;
    long duplicates;
    long alerts;
    long nanos;
    final Map<String, Long> alertsByTypology = new TreeMap<>();
    final List<LabelScorer.ScoredAlert> scored = new ArrayList<>();

    /** Non-blank lines: each is an event, accepted or rejected. */
    long eventsRead() {
        return lines - blankLines;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double eventsPerSecond() {
        return eventsRead() / Math.max(seconds(), 1e-3);
    }
}
