package io.ringfence.cases;

import java.util.UUID;

/** Filters of a task list; null means any. */
record TaskQuery(String name, UUID caseId, String typology, boolean mine, boolean escalated, int page, int size) {
}
