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

    private final int[] next;
    private final int[] signature;
    /** {@code outcome[signature * (MAX_NATIONAL_LENGTH + 1) + length]}. */
    private final byte[] outcome;

    CallingCodePlan(int[] next, int[] signature, byte[] outcome) {
        this.next = next;
        this.signature = signature;
        this.outcome = outcome;
    }

    /**
     * The type ordinal, {@link #NOT_A_NUMBER} or {@link #ASK_LIBRARY} for the ASCII digits of
     * {@code number} from {@code from} to its end, at most {@link #MAX_NATIONAL_LENGTH} of them.
     */
    byte outcome(String number, int from) {
        int state = 0;
        for (int i = from; i < number.length(); i++) {
            state = next[state * 10 + number.charAt(i) - '0'];
        }
        return outcome[signature[state] * (MAX_NATIONAL_LENGTH + 1) + number.length() - from];
    }

    int states() {
        return signature.length;
    }
}
