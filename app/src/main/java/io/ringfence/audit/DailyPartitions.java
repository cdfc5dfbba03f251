package io.ringfence.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the daily partitions ({@code event_history_20261125}, {@code audit_entry_20261125}) of the
 * natively partitioned tables before rows for a day arrive.
 *
 * <p>Partitions are created on a connection of their own, in a short transaction with a lock timeout,
 * not in the caller's batch transaction: DDL in that transaction would hold an exclusive lock on the
 * parent table until the batch commits, and a rollback would undo a partition this class had already
 * remembered. When creation fails (lock timeout, another instance racing), the day is simply not
 * remembered: its rows land in the DEFAULT partition, and the next batch tries again.
 *
 * <p>A row already in the DEFAULT partition for a day would make {@code CREATE TABLE ... PARTITION OF}
 * fail (the default's implied constraint would be violated). So the day's table is created detached,
 * any such rows are moved into it from the default, then it is attached.
 *
 * <p>On TimescaleDB the tables are hypertables, which make their own chunks: nothing to do here.
 */
public class DailyPartitions {
    private static final Logger log = LoggerFactory.getLogger(DailyPartitions.class);
    static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    /** A natively partitioned table and the column it is partitioned by. */
    public enum Table {
        EVENT_HISTORY("event_history", "event_time", true),
        AUDIT_ENTRY("audit_entry", "chain_day", false);

        final String name;
        final String column;
        final boolean timestamp;

        Table(String name, String column, boolean timestamp) {
            this.name = name;
            this.column = column;
            this.timestamp = timestamp;
        }

        public String tableName() {
            return name;
        }

        String partitionName(LocalDate day) {
            return name + "_" + SUFFIX.format(day);
        }

        /** A bound literal that means the same whatever the session's time zone. */
        String bound(LocalDate day) {
            return timestamp ? "'" + day + " 00:00:00+00'" : "'" + day + "'";
        }
    }

    private final DataSource dataSource;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile Boolean nativePartitioning;

    /** The store the partitions are in, which the audit trail writes to in its callers' transactions. */
    DataSource dataSource() {
        return dataSource;
    }

    public DailyPartitions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes sure each day has its partition; days already seen by this instance cost nothing. */
    public void ensure(Table table, Collection<LocalDate> days) {
        Set<LocalDate> missing = new TreeSet<>();
        for (LocalDate d : days) {
            if (!known.contains(table.partitionName(d))) {
                missing.add(d);
            }
        }
        if (missing.isEmpty() || !isNative()) {
            return;
        }
        for (LocalDate day : missing) {
            try {
                create(table, day);
                known.add(table.partitionName(day));
            } catch (SQLException e) {
                log.warn("could not create partition {} (its rows go to the default partition for now): {}",
                        table.partitionName(day), e.getMessage());
            }
        }
    }

    /** Forgets a dropped partition, so that rows for its day would create it again. */
    void forget(String partitionName) {
        known.remove(partitionName);
    }

    /** True when the tables are natively partitioned (false on TimescaleDB hypertables). */
    public boolean isNative() {
        Boolean n = nativePartitioning;
        if (n == null) {
            try (Connection c = dataSource.getConnection()) {
                n = StoreLayout.isNativelyPartitioned(c, Table.EVENT_HISTORY.name);
            } catch (SQLException e) {
                throw new AuditStoreException("cannot read the store's layout", e);
            }
            nativePartitioning = n;
        }
        return n;
    }

    private void create(Table table, LocalDate day) throws SQLException {
        String partition = table.partitionName(day);
        String from = table.bound(day);
        String to = table.bound(day.plusDays(1));
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '5s'");
                // Serialises instances creating the same day (IF NOT EXISTS alone still races on the catalog).
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + partition + "'))");
                if (exists(c, partition)) {
                    c.commit();
                    return;
                }
                // Created detached, then attached: ATTACH takes a SHARE UPDATE EXCLUSIVE lock on the parent,
                // which batches writing other days do not conflict with (CREATE ... PARTITION OF would take
                // ACCESS EXCLUSIVE). Only the default partition is locked exclusively, and briefly.
                String defaultPartition = table.name + "_default";
                String inDay = table.column + " >= " + from + " AND " + table.column + " < " + to;
                s.execute("CREATE TABLE " + partition + " (LIKE " + table.name + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                // Proves the range to ATTACH, which then need not scan the new table.
                s.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_day CHECK (" + inDay + ")");
                int moved = s.executeUpdate("WITH moved AS (DELETE FROM " + defaultPartition + " WHERE " + inDay
                        + " RETURNING *) INSERT INTO " + partition + " SELECT * FROM moved");
                s.execute("ALTER TABLE " + table.name + " ATTACH PARTITION " + partition
                        + " FOR VALUES FROM (" + from + ") TO (" + to + ")");
                if (moved > 0) {
                    log.info("moved {} rows of {} from {} into the new partition", moved, day, defaultPartition);
                }
                c.commit();
                log.info("created partition {}", partition);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    static boolean exists(Connection c, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
