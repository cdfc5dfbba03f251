package io.ringfence.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A nondeterministic automaton over the ten digits in which several patterns run side by side, each
 * marking the states where it is satisfied with its feature number. Built once, then determinized
 * by {@link DigitDfa}; nothing here runs per number.
 */
final class DigitNfa {
    private final List<int[]> epsilons = new ArrayList<>();
    /** Per state, pairs of (digit mask, target). */
    private final List<int[]> moves = new ArrayList<>();
    private final List<int[]> features = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private int[] seen = new int[0];
    private int[] stack = new int[0];
    private int generation;

    /** The whole input matches the pattern (Java's {@code matches()}). */
    void addFullMatch(DigitPattern.Node pattern, int feature) {
        int start = newState();
        int end = build(pattern, start, feature);
        mark(end, feature);
        starts.add(start);
    }

    /** Some prefix of the input, the empty one included, matches (Java's {@code lookingAt()}). */
    void addPrefixMatch(DigitPattern.Node pattern, int feature) {
        int start = newState();
        int end = build(pattern, start, feature);
        stayMarked(end, feature);
        starts.add(start);
    }

    /**
     * A non-empty prefix matches, or the whole input matches an alternative ending in {@code $}:
     * whether a national-prefix pattern could strip anything from the input.
     */
    void addNonEmptyPrefixMatch(DigitPattern.Node pattern, int feature) {
        int inner = newState();
        int end = build(pattern, inner, feature);
        stayMarked(end, feature);
        // A start state with no empty moves: whatever it reaches has consumed a digit.
        int start = newState();
        for (int s : closure(new int[] {inner})) {
            int[] m = moves.get(s);
            for (int i = 0; i < m.length; i += 2) {
                move(start, m[i], m[i + 1]);
            }
        }
        starts.add(start);
    }

    private void stayMarked(int end, int feature) {
        if (end < 0) {
            return;
        }
        int sink = newState();
        mark(end, feature);
        mark(sink, feature);
        move(end, DigitPattern.ANY_DIGIT, sink);
        move(sink, DigitPattern.ANY_DIGIT, sink);
    }

    /** Returns the state where the pattern ends, or -1 if every path ended in {@code $}. */
    private int build(DigitPattern.Node node, int from, int feature) {
        if (node instanceof DigitPattern.Digits d) {
            int to = newState();
            move(from, d.mask(), to);
            return to;
        }
        if (node instanceof DigitPattern.Sequence s) {
            int at = from;
            for (DigitPattern.Node item : s.items()) {
                at = build(item, at, feature);
            }
            return at;
        }
        if (node instanceof DigitPattern.Choice c) {
            int to = newState();
            boolean reached = false;
            for (DigitPattern.Node alternative : c.alternatives()) {
                int begin = newState();
                epsilon(from, begin);
                int end = build(alternative, begin, feature);
                if (end >= 0) {
                    epsilon(end, to);
                    reached = true;
                }
            }
            return reached ? to : -1;
        }
        if (node instanceof DigitPattern.Repeat r) {
            int at = from;
            for (int i = 0; i < r.min(); i++) {
                at = build(r.item(), at, feature);
            }
            if (r.max() == r.min()) {
                return at;
            }
            int to = newState();
            for (int i = r.min(); i < r.max(); i++) {
                epsilon(at, to);
                at = build(r.item(), at, feature);
            }
            epsilon(at, to);
            return to;
        }
        // End of input: the state is marked here and leads nowhere, so only a path that consumed
        // the whole input leaves the feature in the final state set.
        int anchored = newState();
        epsilon(from, anchored);
        mark(anchored, feature);
        return -1;
    }

    int stateCount() {
        return moves.size();
    }

    int[] startStates() {
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] moves(int state) {
        return moves.get(state);
    }

    int[] features(int state) {
        return features.get(state);
    }

    /** The states reachable from these without consuming a digit, sorted. */
    int[] closure(int[] states) {
        if (seen.length < stateCount()) {
            seen = new int[stateCount()];
            stack = new int[stateCount()];
        }
        int stamp = ++generation;
        int top = 0;
        int count = 0;
        for (int s : states) {
            if (seen[s] != stamp) {
                seen[s] = stamp;
                stack[top++] = s;
            }
        }
        int[] out = new int[16];
        while (top > 0) {
            int s = stack[--top];
            if (count == out.length) {
                out = Arrays.copyOf(out, 2 * count);
            }
            out[count++] = s;
            for (int t : epsilons.get(s)) {
                if (seen[t] != stamp) {
                    seen[t] = stamp;
                    stack[top++] = t;
                }
            }
        }
        out = Arrays.copyOf(out, count);
        Arrays.sort(out);
        return out;
    }

    private int newState() {
        epsilons.add(new int[0]);
        moves.add(new int[0]);
        features.add(new int[0]);
        return moves.size() - 1;
    }

    private void epsilon(int from, int to) {
        epsilons.set(from, append(epsilons.get(from), to));
    }

    private void move(int from, int mask, int to) {
        moves.set(from, append(append(moves.get(from), mask), to));
    }

    private void mark(int state, int feature) {
        features.set(state, append(features.get(state), feature));
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
