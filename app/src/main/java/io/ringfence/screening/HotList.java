package io.ringfence.screening;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hot lists screening consults, by the name the API uses. A list holds either whole numbers
 * (matched exactly) or digit prefixes (matched on the longest listed prefix, as the reference
 * data's high-risk ranges are).
 */
enum HotList {
    /** Calling lines never refused (VIP, operator test SIMs): matched on A. */
    ALLOW_MSISDN("allow-msisdn", Match.NUMBER),
    /** Destinations always reachable, even from a barred line (customer care, emergency): matched on B. */
    ALLOW_PREFIX("allow-prefix", Match.PREFIX),
    /** Destinations never to be called: matched on B. */
    DENY("deny", Match.NUMBER),
    /** IRSF test-call numbers (seeded from the reference data): matched on B. */
    IRSF_TEST("irsf-test", Match.NUMBER),
    /** High-risk destination ranges (seeded from the reference data): matched on B. */
    HIGH_RISK_RANGE("high-risk-range", Match.PREFIX);

    enum Match { NUMBER, PREFIX }

    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern PREFIX_DIGITS = Pattern.compile("\\d{1,15}");

    private final String id;
    private final Match match;

    HotList(String id, Match match) {
        this.id = id;
        this.match = match;
    }

    String id() {
        return id;
    }

    Match match() {
        return match;
    }

    static Optional<HotList> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** @return why the value cannot be on this list, or null if it can */
    String invalid(String value) {
        return switch (match) {
            case NUMBER -> E164.matcher(value).matches() ? null
                    : "'" + value + "' is not an E.164 number ('+' and 8-15 digits)";
            case PREFIX -> PREFIX_DIGITS.matcher(value).matches() ? null
                    : "'" + value + "' is not a prefix (1-15 digits, no '+')";
        };
    }
}
