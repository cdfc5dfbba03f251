package io.ringfence.reference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic form of a {@link DigitNfa} (subset construction): one table look-up per digit.
 * States that satisfy the same set of features share a signature, so that what a walk ends in can
 * be looked up per signature rather than per state.
 */
final class DigitDfa {
    /** {@code next[state * 10 + digit]}. */
    final int[] next;
    /** Per state, the index of its feature set in {@link #signatures}. */
    final int[] signature;
    final List<BitSet> signatures;

    private DigitDfa(int[] next, int[] signature, List<BitSet> signatures) {
        this.next = next;
        this.signature = signature;
        this.signatures = signatures;
    }

    /** The start state is 0. @throws IllegalStateException past {@code maxStates} states */
    static DigitDfa of(DigitNfa nfa, int maxStates) {
        Map<Key, Integer> index = new HashMap<>();
        List<int[]> sets = new ArrayList<>();
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        int[] first = nfa.closure(nfa.startStates());
        index.put(new Key(first), 0);
        sets.add(first);
        pending.add(0);
        int[] next = new int[10 * 64];
        int[][] buckets = new int[10][];
        int[] sizes = new int[10];
        while (!pending.isEmpty()) {
            int state = pending.poll();
            Arrays.fill(sizes, 0);
            for (int s : sets.get(state)) {
                int[] m = nfa.moves(s);
                for (int i = 0; i < m.length; i += 2) {
                    for (int d = 0; d < 10; d++) {
                        if ((m[i] & (1 << d)) != 0) {
                            if (buckets[d] == null || sizes[d] == buckets[d].length) {
                                buckets[d] = buckets[d] == null ? new int[16] : Arrays.copyOf(buckets[d], 2 * sizes[d]);
                            }
                            buckets[d][sizes[d]++] = m[i + 1];
                        }
                    }
                }
            }
            for (int d = 0; d < 10; d++) {
                int[] target = nfa.closure(Arrays.copyOf(buckets[d] == null ? new int[0] : buckets[d], sizes[d]));
                Key key = new Key(target);
                Integer known = index.get(key);
                if (known == null) {
                    if (sets.size() == maxStates) {
                        throw new IllegalStateException("more than " + maxStates + " states");
                    }
                    known = sets.size();
                    index.put(key, known);
                    sets.add(target);
                    pending.add(known);
                }
                if (next.length <= state * 10 + d) {
                    next = Arrays.copyOf(next, 2 * next.length);
                }
                next[state * 10 + d] = known;
            }
        }
        Map<BitSet, Integer> bySignature = new HashMap<>();
        List<BitSet> signatures = new ArrayList<>();
        int[] signature = new int[sets.size()];
        for (int state = 0; state < sets.size(); state++) {
            BitSet features = new BitSet();
            for (int s : sets.get(state)) {
                for (int f : nfa.features(s)) {
                    features.set(f);
                }
            }
            signature[state] = bySignature.computeIfAbsent(features, f -> {
                signatures.add(f);
                return signatures.size() - 1;
            });
        }
        return new DigitDfa(Arrays.copyOf(next, 10 * sets.size()), signature, List.copyOf(signatures));
    }

    int states() {
        return signature.length;
    }

    private record Key(int[] states) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(states, k.states);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(states);
        }
    }
}
