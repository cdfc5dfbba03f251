package io.ringfence.workflows;

import java.time.Instant;

/** One thing done on a case: by whom, when, on which task, with what detail (JSON). */
public record CaseHistoryEntry(long id, Instant at, String actor, String action, String taskId, String detail) {
}
