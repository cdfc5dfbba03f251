package io.ringfence.governance;

import java.time.Instant;
import java.util.UUID;

/** One submitted change and where its review stands. */
public record AssetChange(UUID changeId, AssetKind kind, String target, String operation, String version,
                          String summary, byte[] content, String contentSha256, Status status, String author,
                          Instant submittedAt, String reviewer, Instant reviewedAt, String reviewNote,
                          Instant appliedAt) {

    /**
     * DRAFT: its author's alone (invisible to everyone else) until submitted for review, then PENDING; a draft its
     * author gave up is DISCARDED, as private as it was.
     */
    public enum Status { DRAFT, PENDING, APPROVED, REJECTED, WITHDRAWN, DISCARDED }

    /** A draft (or a discarded one) is its author's alone; every other change is anyone's who may read changes. */
    public boolean visibleTo(String viewer) {
        return (status != Status.DRAFT && status != Status.DISCARDED) || author.equals(viewer);
    }

    /** The content as text (every kind's content is UTF-8 text: DRL as JSON, XML, CSV, a value). */
    public String text() {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }
}
