package io.ringfence.governance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Changes as the governance mocks return them. */
final class Changes {
    static final Instant SUBMITTED = Instant.parse("2026-09-01T08:00:00Z");

    private Changes() {
    }

    static AssetChange pending(AssetKind kind, String target, String operation, String content, String author) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new AssetChange(UUID.randomUUID(), kind, target, operation, null, null, bytes, ChangeService.sha256(bytes),
                AssetChange.Status.PENDING, author, SUBMITTED, null, null, null, null);
    }

    static AssetChange reviewed(AssetChange c, AssetChange.Status status, String reviewer, String note) {
        return new AssetChange(c.changeId(), c.kind(), c.target(), c.operation(), c.version(), c.summary(), c.content(),
                c.contentSha256(), status, c.author(), c.submittedAt(), reviewer, SUBMITTED.plusSeconds(60), note, null);
    }
}
