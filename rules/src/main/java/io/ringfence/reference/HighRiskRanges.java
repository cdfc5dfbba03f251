package io.ringfence.reference;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Destination ranges that IRSF and premium-rate abuse target, matched on the longest listed prefix of
 * the number's digits. The prefixes form a digit trie, so a match walks the number once and allocates
 * nothing: every event's numbers are matched, and a per-number cache in front of it cost more heap
 * (a few hundred thousand live entries, copied by every young collection) than the walk costs CPU.
 */
public final class HighRiskRanges {
    private static final int NONE = -1;

    /** {@code children[node * 10 + digit]}: the child node, or {@link #NONE}. Node 0 is the root. */
    private final int[] children;
    /** The range listed exactly at each node, or null. */
    private final Range[] ranges;
    private final int size;

    public record Range(String prefix, String country, double risk, String category, String note) {}

    public HighRiskRanges(List<Range> list) {
        int nodes = 1;
        for (Range r : list) {
            nodes += r.prefix().length();
        }
        int[] kids = new int[nodes * 10];
        Arrays.fill(kids, NONE);
        Range[] at = new Range[nodes];
        Set<String> seen = new HashSet<>();
        int used = 1;
        for (Range r : list) {
            String prefix = r.prefix();
            if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ReferenceDataException("high-risk range prefix must be digits, got '" + prefix + "'");
            }
            if (!seen.add(prefix)) {
                throw new ReferenceDataException("high-risk range prefix " + prefix + " is listed twice");
            }
            int node = 0;
            for (int i = 0; i < prefix.length(); i++) {
                int slot = node * 10 + prefix.charAt(i) - '0';
                if (kids[slot] == NONE) {
                    kids[slot] = used++;
                }
                node = kids[slot];
            }
            at[node] = r;
        }
        this.children = Arrays.copyOf(kids, used * 10);
        this.ranges = Arrays.copyOf(at, used);
        this.size = seen.size();
    }

    /** @param e164 a number in E.164 form, with or without the leading '+' */
    public Range match(String e164) {
        if (e164 == null) {
            return null;
        }
        Range best = null;
        int node = 0;
        for (int i = e164.startsWith("+") ? 1 : 0; i < e164.length(); i++) {
            int digit = e164.charAt(i) - '0';
            if (digit < 0 || digit > 9 || (node = children[node * 10 + digit]) == NONE) {
                break;
            }
            if (ranges[node] != null) {
                best = ranges[node];
            }
        }
        return best;
    }

    public int size() {
        return size;
    }
}
