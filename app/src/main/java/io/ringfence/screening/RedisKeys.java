package io.ringfence.screening;

/**
 * The Redis key space of screening. Blocks are one string key each (value: the decision id) so that
 * Redis expires them by itself; a hot list is a hash (value to note) for O(1) look-ups plus a
 * lexically sorted set of the same values for paged listing.
 */
final class RedisKeys {
    static final String BLOCK_PREFIX = "rf:block:";
    private static final String LIST_PREFIX = "rf:list:";

    private RedisKeys() {
    }

    static String block(String action, String targetKind, String targetValue) {
        return BLOCK_PREFIX + action + ":" + targetKind + ":" + targetValue;
    }

    static String list(HotList list) {
        return LIST_PREFIX + list.id();
    }

    static String listIndex(HotList list) {
        return LIST_PREFIX + list.id() + ":idx";
    }
}
