package io.ringfence.backtest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Backtest jobs ({@code backtest}) and their differences ({@code backtest_difference}) in PostgreSQL. */
@Component
class BacktestStore {
    /** A filter on a job's differences; null fields match everything. */
    record Filter(String typology, Output.Kind output, Difference.Change change) {
    }

    private static final String COLUMNS = "backtest_id, change_id, kind, live_version, draft_version, range_from, "
            + "range_to, status, requested_by, requested_at, started_at, finished_at, events_done, events_total, reason, summary, "
            + "input";
    private static final RowMapper<Backtest> JOB = (rs, n) -> new Backtest(rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)),
            instant(rs.getTimestamp(7)), Backtest.Status.valueOf(rs.getString(8)), rs.getString(9),
            instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), rs.getLong(13),
            (Long) rs.getObject(14), rs.getString(15), rs.getString(16), rs.getString(17));
    private static final String DIFFERENCE_COLUMNS = "output, change, output_key, typology, rule_id, subject_kind, "
            + "subject_value, subscriber, at, live, draft, case_outcome";
    private static final RowMapper<Difference> DIFFERENCE = (rs, n) -> new Difference(Output.Kind.valueOf(rs.getString(1)),
            Difference.Change.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).getTime(), rs.getString(10),
            rs.getString(11), rs.getString(12));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    BacktestStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void insert(Backtest b) {
        jdbc.update("INSERT INTO backtest (" + COLUMNS + ", heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, "
                + "NULL, NULL, NULL, ?::jsonb, ?)",
                b.backtestId(), b.changeId(), b.kind(), b.liveVersion(), b.draftVersion(), Timestamp.from(b.from()),
                Timestamp.from(b.to()), b.status().name(), b.requestedBy(), Timestamp.from(b.requestedAt()),
                b.inputJson(), Timestamp.from(b.requestedAt()));
    }

    Optional<Backtest> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM backtest WHERE backtest_id = ?", JOB, id).stream().findFirst();
    }

    Optional<Backtest> latestFor(UUID changeId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM backtest WHERE change_id = ? ORDER BY requested_at DESC, backtest_id "
                + "LIMIT 1", JOB, changeId).stream().findFirst();
    }

    boolean anyDone(UUID changeId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM backtest WHERE change_id = ? AND "
                + "status = 'DONE')", Boolean.class, changeId));
    }

    /** QUEUED to RUNNING; false if it is no longer queued (cancelled while it waited, or failed as stale). */
    boolean start(UUID id, long total, Instant at) {
        return jdbc.update("UPDATE backtest SET status = 'RUNNING', started_at = ?, events_total = ?, heartbeat_at = ? "
                + "WHERE backtest_id = ? AND status = 'QUEUED'", Timestamp.from(at), total, Timestamp.from(at), id) == 1;
    }

    /** @return whether someone asked (on any instance) to cancel the job */
    boolean progress(UUID id, long done, Instant at) {
        List<Boolean> cancel = jdbc.queryForList("UPDATE backtest SET events_done = ?, heartbeat_at = ? WHERE backtest_id = ? "
                + "RETURNING cancel_requested", Boolean.class, done, Timestamp.from(at), id);
        return !cancel.isEmpty() && Boolean.TRUE.equals(cancel.get(0));
    }

    /** Asks for a cancel: a queued job is cancelled at once; a running one stops at its next progress write. */
    void requestCancel(UUID id, Instant at) {
        jdbc.update("UPDATE backtest SET status = 'CANCELLED', finished_at = ?, reason = 'cancelled before it started' "
                + "WHERE backtest_id = ? AND status = 'QUEUED'", Timestamp.from(at), id);
        jdbc.update("UPDATE backtest SET cancel_requested = true WHERE backtest_id = ? AND status = 'RUNNING'", id);
    }

    /** Ends a job that did not complete; a job already finished stays as it ended. */
    void stopped(UUID id, Backtest.Status status, String reason, long done, Instant at) {
        jdbc.update("UPDATE backtest SET status = ?, reason = ?, events_done = ?, finished_at = ? "
                + "WHERE backtest_id = ? AND status IN ('QUEUED', 'RUNNING')", status.name(), reason, done,
                Timestamp.from(at), id);
    }

    /** The result, in one transaction: a job is DONE only with all its differences stored. */
    void done(UUID id, long done, String summaryJson, List<Difference> differences, Instant at) {
        tx.executeWithoutResult(s -> {
            List<Object[]> rows = new ArrayList<>(differences.size());
            int seq = 0;
            for (Difference d : differences) {
                rows.add(new Object[]{id, seq++, d.output().name(), d.change().name(), d.key(), d.typology(), d.ruleId(),
                        d.subjectKind(), d.subjectValue(), d.subscriber(), new Timestamp(d.atMillis()), d.live(), d.draft(),
                        d.caseOutcome()});
            }
            jdbc.batchUpdate("INSERT INTO backtest_difference (backtest_id, seq, " + DIFFERENCE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            jdbc.update("UPDATE backtest SET status = 'DONE', events_done = ?, summary = ?, finished_at = ?, reason = NULL "
                    + "WHERE backtest_id = ?", done, summaryJson, Timestamp.from(at), id);
        });
    }

    /** Marks the jobs this instance holds as alive, then fails those whose instance went away. */
    int heartbeat(Collection<UUID> mine, Instant at, Duration stale) {
        if (!mine.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("UPDATE backtest SET heartbeat_at = ? WHERE backtest_id = ANY (?::uuid[])");
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setArray(2, con.createArrayOf("text", mine.stream().map(UUID::toString).toArray()));
                return ps;
            });
        }
        return jdbc.update("UPDATE backtest SET status = 'FAILED', finished_at = ?, reason = 'the instance that ran it "
                + "stopped (a restart?); start it again' WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < ?",
                Timestamp.from(at), Timestamp.from(at.minus(stale)));
    }

    List<Difference> differences(UUID id, Filter f, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(id, f, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("SELECT " + DIFFERENCE_COLUMNS + " FROM backtest_difference" + where + " ORDER BY seq LIMIT ? OFFSET ?",
                DIFFERENCE, args.toArray());
    }

    long countDifferences(UUID id, Filter f) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT count(*) FROM backtest_difference" + where(id, f, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static String where(UUID id, Filter f, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE backtest_id = ?");
        args.add(id);
        if (f.typology() != null) {
            sql.append(" AND typology = ?");
            args.add(f.typology());
        }
        if (f.output() != null) {
            sql.append(" AND output = ?");
            args.add(f.output().name());
        }
        if (f.change() != null) {
            sql.append(" AND change = ?");
            args.add(f.change().name());
        }
        return sql.toString();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
