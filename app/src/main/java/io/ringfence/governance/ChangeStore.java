package io.ringfence.governance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The changes ({@code asset_change}) and what is live ({@code asset_live}) in PostgreSQL. */
@Component
class ChangeStore {
    /** One row of {@code asset_live}: the change in force for a kind (null: the version shipped). */
    record Live(AssetKind kind, UUID changeId, long revision, Instant since, String setBy, String how) {
    }

    private static final String COLUMNS = "change_id, kind, target, operation, version, summary, content, "
            + "content_sha256, status, author, submitted_at, reviewer, reviewed_at, review_note, applied_at";
    private static final RowMapper<AssetChange> CHANGE = (rs, n) -> new AssetChange(
            rs.getObject(1, UUID.class), AssetKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getString(8),
            AssetChange.Status.valueOf(rs.getString(9)), rs.getString(10), instant(rs.getTimestamp(11)),
            rs.getString(12), instant(rs.getTimestamp(13)), rs.getString(14), instant(rs.getTimestamp(15)));
    private static final RowMapper<Live> LIVE = (rs, n) -> new Live(AssetKind.valueOf(rs.getString(1)),
            rs.getObject(2, UUID.class), rs.getLong(3), instant(rs.getTimestamp(4)), rs.getString(5), rs.getString(6));

    private final JdbcTemplate jdbc;

    ChangeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AssetChange c) {
        jdbc.update("INSERT INTO asset_change (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)",
                c.changeId(), c.kind().name(), c.target(), c.operation(), c.version(), c.summary(), c.content(),
                c.contentSha256(), c.status().name(), c.author(), Timestamp.from(c.submittedAt()));
    }

    Optional<AssetChange> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM asset_change WHERE change_id = ?", CHANGE, id).stream().findFirst();
    }

    /** Locks a pending change for its review; empty when it is not (or no longer) pending. */
    Optional<AssetChange> lockPending(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM asset_change WHERE change_id = ? AND status = 'PENDING' FOR UPDATE",
                CHANGE, id).stream().findFirst();
    }

    /** Locks the author's own draft or pending change (a withdrawal); empty when it is neither. */
    Optional<AssetChange> lockOpen(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM asset_change WHERE change_id = ? AND status IN ('DRAFT', 'PENDING')"
                + " FOR UPDATE", CHANGE, id).stream().findFirst();
    }

    /** A draft submitted for review: pending from now, as if submitted now (reviews are timed from here). */
    boolean submitDraft(UUID id, Instant at) {
        return jdbc.update("UPDATE asset_change SET status = 'PENDING', submitted_at = ? WHERE change_id = ?"
                + " AND status = 'DRAFT'", Timestamp.from(at), id) == 1;
    }

    void review(UUID id, AssetChange.Status status, String reviewer, String note, Instant at) {
        jdbc.update("UPDATE asset_change SET status = ?, reviewer = ?, reviewed_at = ?, review_note = ? WHERE change_id = ?",
                status.name(), reviewer, Timestamp.from(at), note, id);
    }

    /**
     * Approved hot-list edits not yet in Redis, locked, in approval order; a concurrent applier waits and
     * then skips what it applied, so edits of one list reach Redis once each and in order.
     */
    List<AssetChange> lockUnapplied(String list) {
        return jdbc.query("SELECT " + COLUMNS + " FROM asset_change WHERE kind = 'HOT_LIST' AND target = ? AND "
                + "status = 'APPROVED' AND applied_at IS NULL ORDER BY reviewed_at, change_id FOR UPDATE", CHANGE, list);
    }

    /** Lists with approved edits not yet applied (a Redis failure after the approval). */
    List<String> listsWithUnapplied() {
        return jdbc.queryForList("SELECT DISTINCT target FROM asset_change WHERE kind = 'HOT_LIST' AND status = 'APPROVED' "
                + "AND applied_at IS NULL", String.class);
    }

    void applied(UUID id, Instant at) {
        jdbc.update("UPDATE asset_change SET applied_at = ? WHERE change_id = ?", Timestamp.from(at), id);
    }

    /** Newest first, without the content. */
    /** Newest first; drafts (and discarded ones) only the viewer's own. */
    List<AssetChange> list(AssetKind kind, AssetChange.Status status, int limit, String viewer) {
        StringBuilder sql = new StringBuilder("SELECT change_id, kind, target, operation, version, summary, NULL, "
                + "content_sha256, status, author, submitted_at, reviewer, reviewed_at, review_note, applied_at FROM asset_change"
                + " WHERE (status NOT IN ('DRAFT', 'DISCARDED') OR author = ?)");
        List<Object> args = new ArrayList<>();
        args.add(viewer);
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind.name());
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY submitted_at DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), CHANGE, args.toArray());
    }

    /** A decision model change's scenarios of record (docs/governance.md), JSON as the API shows it. */
    /** @param basedOn the decision model change in force when it was submitted, null for the shipped one */
    record Scenarios(byte[] file, String restatementsJson, String addedJson, UUID basedOn) {
    }

    void insertScenarios(UUID changeId, Scenarios s) {
        jdbc.update("INSERT INTO asset_change_scenarios (change_id, scenarios, restatements, added, based_on) "
                + "VALUES (?, ?, ?::jsonb, ?::jsonb, ?)", changeId, s.file(), s.restatementsJson(), s.addedJson(), s.basedOn());
    }

    Optional<Scenarios> scenarios(UUID changeId) {
        return jdbc.query("SELECT scenarios, restatements::text, added::text, based_on FROM asset_change_scenarios "
                + "WHERE change_id = ?", (rs, n) -> new Scenarios(rs.getBytes(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, UUID.class)), changeId).stream().findFirst();
    }

    /** The change in force for the kind on the cluster; null while the shipped version is. */
    UUID inForceChange(AssetKind kind) {
        return jdbc.query("SELECT change_id FROM asset_live WHERE kind = ?", (rs, n) -> rs.getObject(1, UUID.class),
                kind.name()).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The scenarios of record of the change in force for the kind; empty when it has none (or the shipped version is). */
    Optional<byte[]> inForceScenarios(AssetKind kind) {
        return jdbc.query("SELECT s.scenarios FROM asset_live l JOIN asset_change_scenarios s USING (change_id) WHERE l.kind = ?",
                (rs, n) -> rs.getBytes(1), kind.name()).stream().findFirst();
    }

    List<Live> live() {
        return jdbc.query("SELECT kind, change_id, revision, since, set_by, how FROM asset_live", LIVE);
    }

    List<Live> shadows() {
        return jdbc.query("SELECT kind, change_id, revision, since, set_by, how FROM asset_shadow", LIVE);
    }

    /** The change in shadow for the kind; null when none is. */
    UUID shadowChange(AssetKind kind) {
        return jdbc.query("SELECT change_id FROM asset_shadow WHERE kind = ?", (rs, n) -> rs.getObject(1, UUID.class),
                kind.name()).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Locks the kind's live row for the caller's transaction, so that a check of what is live holds until it commits
     * (while the shipped version runs there may be no row: the first approvals then race as before).
     */
    void lockLive(AssetKind kind) {
        jdbc.query("SELECT 1 FROM asset_live WHERE kind = ? FOR UPDATE", (rs, n) -> 1, kind.name());
    }

    /** Locks the kind's shadow row for the caller's transaction; the change in shadow, or null. */
    UUID lockShadow(AssetKind kind) {
        return jdbc.query("SELECT change_id FROM asset_shadow WHERE kind = ? FOR UPDATE", (rs, n) -> rs.getObject(1, UUID.class),
                kind.name()).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Puts a change in shadow for its kind (null: none); the caller's transaction serialises writers. */
    long setShadow(AssetKind kind, UUID changeId, String by, String how, Instant at) {
        return set("asset_shadow", kind, changeId, by, how, at);
    }

    /** Whether a shadow change was ever promoted (approved, it was live): only then may a rollback return to it. */
    boolean wasPromoted(UUID shadowChange) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM asset_change WHERE operation = 'PROMOTE' AND status = 'APPROVED'"
                + " AND content = ?", Integer.class, (Object) shadowChange.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return n != null && n > 0;
    }

    /** Puts a change (null: the shipped version) live for its kind; the caller's transaction serialises writers. */
    long setLive(AssetKind kind, UUID changeId, String by, String how, Instant at) {
        return set("asset_live", kind, changeId, by, how, at);
    }

    /** asset_live and asset_shadow have one shape: a row per kind whose revision every instance follows. */
    private long set(String table, AssetKind kind, UUID changeId, String by, String how, Instant at) {
        jdbc.query("SELECT 1 FROM " + table + " WHERE kind = ? FOR UPDATE", (rs, n) -> 1, kind.name());
        Long revision = jdbc.queryForObject("INSERT INTO " + table + " (kind, change_id, revision, since, set_by, how) "
                + "VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET change_id = excluded.change_id, "
                + "revision = " + table + ".revision + 1, since = excluded.since, set_by = excluded.set_by, how = excluded.how "
                + "RETURNING revision", Long.class, kind.name(), changeId, Timestamp.from(at), by, how);
        return revision == null ? 0 : revision;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
