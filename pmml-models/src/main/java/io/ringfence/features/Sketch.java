package io.ringfence.features;

/**
 * A 64-bit linear-counting sketch: distinct values within a few percent up to about 60, still rising
 * up to about 260, in one long. Enough to tell one handset from two, or ten B-numbers from two hundred.
 */
final class Sketch {
    private static final int BITS = 64;

    private Sketch() {
    }

    static long bit(String value) {
        int h = value.hashCode();
        // Murmur3's finaliser: String.hashCode of similar numbers differs only in the low bits.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return 1L << (h & (BITS - 1));
    }

    static double estimate(long bits) {
        int zeros = BITS - Long.bitCount(bits);
        if (zeros == BITS) {
            return 0;
        }
        // A full sketch is read as half a free bit: the estimate saturates instead of going infinite.
        return BITS * Math.log(BITS / Math.max(0.5, zeros));
    }
}
