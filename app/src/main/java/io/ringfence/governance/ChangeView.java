package io.ringfence.governance;

import java.time.Instant;
import java.util.UUID;

/**
 * A change as the API shows it: everything but the content, which has its own link. {@code appliedAt}
 * is when an approved hot-list edit reached Redis (null while it waits for a retry); {@code backtest} the latest
 * backtest's summary, on the single change's view only.
 */
public record ChangeView(UUID changeId, String kind, String target, String operation, String version, String summary,
                         String contentSha256, Integer bytes, String status, String author, Instant submittedAt,
                         String reviewer, Instant reviewedAt, String reviewNote, Instant appliedAt,
                         String content, Object backtest, Object scenarios) {

    static ChangeView of(AssetChange c) {
        return new ChangeView(c.changeId(), c.kind().id(), c.target(), c.operation(), c.version(), c.summary(),
                c.contentSha256(), c.content() == null ? null : c.content().length, c.status().name(), c.author(),
                c.submittedAt(), c.reviewer(), c.reviewedAt(), c.reviewNote(), c.appliedAt(),
                "/api/v1/changes/" + c.changeId() + "/content", null, null);
    }

    /** With the change's latest backtest, for the reviewer's page (docs/governance.md). */
    ChangeView withBacktest(Object summary) {
        return new ChangeView(changeId, kind, target, operation, version, this.summary, contentSha256, bytes, status,
                author, submittedAt, reviewer, reviewedAt, reviewNote, appliedAt, content, summary, scenarios);
    }

    /** With a decision model change's scenarios of record: those it restated (before and after) and added. */
    ChangeView withScenarios(Object restatedAndAdded) {
        return new ChangeView(changeId, kind, target, operation, version, summary, contentSha256, bytes, status,
                author, submittedAt, reviewer, reviewedAt, reviewNote, appliedAt, content, backtest, restatedAndAdded);
    }
}
