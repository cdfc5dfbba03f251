package io.ringfence.cases;

import java.time.Instant;

/** Filters of the case list; null means any. */
record CaseQuery(String subscriber, String status, String typology, String handler, Instant openedAfter,
                 Instant openedBefore, int page, int size) {
}
