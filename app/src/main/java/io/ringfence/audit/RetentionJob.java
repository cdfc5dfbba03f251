package io.ringfence.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops what is older than the retention settings: whole daily partitions of {@code event_history}
 * and, when {@code ringfence.retention.audit} is set, of {@code audit_entry} with their chain heads;
 * stray rows in the default partitions are deleted. On TimescaleDB, old chunks are dropped instead.
 * A partition is dropped only when its whole day is older than the cut-off.
 */
public class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final DataSource dataSource;
    private final DailyPartitions partitions;
    private final RetentionProperties retention;
    private final Clock clock;

    public RetentionJob(DataSource dataSource, DailyPartitions partitions, RetentionProperties retention, Clock clock) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(cron = "${ringfence.retention.cron:0 17 3 * * *}")
    public void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.error("retention run failed (it will run again at the next schedule)", e);
        }
    }

    /** @return the partitions (or chunk sets) dropped and rows deleted, as logged */
    public List<String> run() {
        Instant now = clock.instant();
        List<String> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            done.addAll(apply(c, DailyPartitions.Table.EVENT_HISTORY, now.minus(retention.events())));
            if (retention.audit() != null) {
                done.addAll(apply(c, DailyPartitions.Table.AUDIT_ENTRY, now.minus(retention.audit())));
            }
        } catch (SQLException e) {
            throw new AuditStoreException("retention failed", e);
        }
        if (done.isEmpty()) {
            log.info("retention: nothing older than the limits (events {}, audit {})", retention.events(),
                    retention.audit() == null ? "kept for ever" : retention.audit());
        }
        return done;
    }

    private List<String> apply(Connection c, DailyPartitions.Table table, Instant cutoff) throws SQLException {
        List<String> done = new ArrayList<>();
        // Whole days only: a day's partition goes when its last instant is before the cut-off.
        LocalDate firstKept = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        if (!StoreLayout.isNativelyPartitioned(c, table.tableName())) {
            dropChunks(c, table, firstKept, done);
        } else {
            Pattern name = Pattern.compile(Pattern.quote(table.tableName()) + "_(\\d{8})");
            for (String partition : partitionsOf(c, table.tableName())) {
                Matcher m = name.matcher(partition);
                if (!m.matches()) {
                    continue;
                }
                LocalDate day = LocalDate.parse(m.group(1), DailyPartitions.SUFFIX);
                if (day.isBefore(firstKept)) {
                    inTransaction(c, s -> s.execute("DROP TABLE " + partition));
                    partitions.forget(partition);
                    log.info("retention: dropped partition {} (older than {})", partition, firstKept);
                    done.add(partition);
                }
            }
            String bound = table.bound(firstKept);
            int[] deleted = new int[1];
            inTransaction(c, s -> deleted[0] = s.executeUpdate("DELETE FROM " + table.tableName() + "_default WHERE "
                    + table.column + " < " + bound));
            if (deleted[0] > 0) {
                log.info("retention: deleted {} rows before {} from {}_default", deleted[0], firstKept, table.tableName());
                done.add(deleted[0] + " rows from " + table.tableName() + "_default");
            }
        }
        if (table == DailyPartitions.Table.AUDIT_ENTRY) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_chain_head WHERE chain_day < ?")) {
                ps.setObject(1, firstKept);
                ps.executeUpdate();
            }
        }
        return done;
    }

    private static void dropChunks(Connection c, DailyPartitions.Table table, LocalDate firstKept, List<String> done)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT drop_chunks(?::regclass, older_than => "
                + (table.timestamp ? "?::timestamptz" : "?::date") + ")")) {
            ps.setString(1, table.tableName());
            if (table.timestamp) {
                ps.setObject(2, OffsetDateTime.of(firstKept.atStartOfDay(), ZoneOffset.UTC));
            } else {
                ps.setObject(2, firstKept);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    log.info("retention: dropped chunk {} of {}", rs.getString(1), table.tableName());
                    done.add(rs.getString(1));
                }
            }
        }
    }

    private static List<String> partitionsOf(Connection c, String parent) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i "
                + "JOIN pg_class child ON child.oid = i.inhrelid WHERE i.inhparent = to_regclass(?) ORDER BY 1")) {
            ps.setString(1, parent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private interface Work {
        void run(Statement s) throws SQLException;
    }

    private static void inTransaction(Connection c, Work work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '30s'");
            work.run(s);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
