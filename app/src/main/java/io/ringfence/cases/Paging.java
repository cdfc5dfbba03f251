package io.ringfence.cases;

/** Bounds of every paged list. */
final class Paging {
    static final int MAX_SIZE = 500;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw CaseException.invalid("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw CaseException.invalid("size", "between 1 and " + MAX_SIZE);
        }
    }
}
