package io.ringfence.reference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Destination ranges that IRSF and premium-rate abuse target, matched on the longest listed prefix of
 * the number's digits. At most 15 hash look-ups per number, whatever the size of the list.
 */
public final class HighRiskRanges {
    private final Map<String, Range> byPrefix = new HashMap<>();
    private final int longestPrefix;

    public record Range(String prefix, String country, double risk, String category, String note) {}

    public HighRiskRanges(List<Range> ranges) {
        int longest = 0;
        for (Range r : ranges) {
            if (byPrefix.put(r.prefix(), r) != null) {
                throw new ReferenceDataException("high-risk range prefix " + r.prefix() + " is listed twice");
            }
            longest = Math.max(longest, r.prefix().length());
        }
        this.longestPrefix = longest;
    }

    /** @param e164 a number in E.164 form, with or without the leading '+' */
    public Range match(String e164) {
        if (e164 == null) {
            return null;
        }
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        for (int len = Math.min(longestPrefix, digits.length()); len > 0; len--) {
            Range r = byPrefix.get(digits.substring(0, len));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    public int size() {
        return byPrefix.size();
    }
}
