package io.ringfence.reference;

/**
 * What libphonenumber would answer for every national number behind one country calling code,
 * folded into one automaton: a walk over the national digits, then one look-up by the features the
 * walk satisfied and the number's length.
 */
final class CallingCodePlan {
    /** libphonenumber refuses national numbers longer than this (MAX_LENGTH_FOR_NSN). */
    static final int MAX_NATIONAL_LENGTH = 17;
    /** Outcomes beyond the {@code PhoneNumberType} ordinals. */
    static final byte NOT_A_NUMBER = 100;
    static final byte ASK_LIBRARY = 101;
    private static final int LENGTHS = MAX_NATIONAL_LENGTH + 1;

    private final int[] next;
    private final int[] signature;
    /** {@code type[signature * LENGTHS + length]}: the outcome if the number is kept as it is. */
    private final byte[] type;
    /** Per signature: the national-prefix pattern matched a non-empty prefix. */
    private final boolean[] prefixMatched;
    /** Per signature: the main region's general pattern matches (what parse calls viable). */
    private final boolean[] viable;
    /**
     * The national-prefix pattern alone, {@code prefixNext[state * 10 + digit]}, when parse's
     * stripping can be told here: no transform rule and no member of the pattern a prefix of
     * another, so the one that starts a number is the one Java matches. Null otherwise.
     */
    private final int[] prefixNext;
    private final boolean[] prefixEnds;
    /** Per length: parse keeps a number stripped to this length (its testNumberLength). */
    private final boolean[] keepsStripped;
    private final boolean alwaysAsk;

    CallingCodePlan(int[] next, int[] signature, byte[] type, boolean[] prefixMatched, boolean[] viable,
                    int[] prefixNext, boolean[] prefixEnds, boolean[] keepsStripped, boolean alwaysAsk) {
        this.next = next;
        this.signature = signature;
        this.type = type;
        this.prefixMatched = prefixMatched;
        this.viable = viable;
        this.prefixNext = prefixNext;
        this.prefixEnds = prefixEnds;
        this.keepsStripped = keepsStripped;
        this.alwaysAsk = alwaysAsk;
    }

    /**
     * The type ordinal, {@link #NOT_A_NUMBER} or {@link #ASK_LIBRARY} for the ASCII digits of
     * {@code number} from {@code from} to its end, at most {@link #MAX_NATIONAL_LENGTH} of them.
     */
    byte outcome(String number, int from) {
        int length = number.length() - from;
        int sig = signature[walk(number, from)];
        if (length < 2) {
            return NOT_A_NUMBER;
        }
        if (alwaysAsk) {
            return ASK_LIBRARY;
        }
        if (!prefixMatched[sig]) {
            return type[sig * LENGTHS + length];
        }
        int prefix = prefixNext == null ? -1 : prefixLength(number, from);
        if (prefix < 0) {
            return ASK_LIBRARY;
        }
        // parseHelper strips the prefix unless that turns a viable number into one that is not, or
        // leaves a length the region does not dial (maybeStripNationalPrefixAndCarrierCode).
        int strippedLength = length - prefix;
        int strippedSig = signature[walk(number, from + prefix)];
        if ((viable[sig] && !viable[strippedSig]) || !keepsStripped[strippedLength]) {
            return type[sig * LENGTHS + length];
        }
        return strippedLength < 2 ? NOT_A_NUMBER : type[strippedSig * LENGTHS + strippedLength];
    }

    private int prefixLength(String number, int from) {
        int state = 0;
        for (int i = from; i < number.length(); i++) {
            state = prefixNext[state * 10 + number.charAt(i) - '0'];
            if (prefixEnds[state]) {
                return i + 1 - from;
            }
        }
        return -1;
    }

    private int walk(String number, int from) {
        int state = 0;
        for (int i = from; i < number.length(); i++) {
            state = next[state * 10 + number.charAt(i) - '0'];
        }
        return state;
    }

    int states() {
        return signature.length;
    }
}
