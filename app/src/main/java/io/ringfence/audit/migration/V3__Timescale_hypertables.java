package io.ringfence.audit.migration;

import io.ringfence.audit.StoreLayout;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Where TimescaleDB can be installed, turns the time-partitioned tables that V1 created as native
 * partitioned tables into hypertables with daily chunks; elsewhere does nothing.
 *
 * <p>A native partitioned table cannot become a hypertable, so each table is recreated: a plain table
 * {@code LIKE} the partitioned one (columns, defaults, constraints, indexes), the partitioned one
 * dropped, the copy renamed and made a hypertable. V1 keeps one definition of every column for both
 * layouts. This runs once, on an empty store (right after V1 and V2); a table that already holds rows
 * is left native, with a warning: converting a live store is an operator's job, not a migration's.
 *
 * <p>Not tested here: the embedded PostgreSQL used by the tests has no TimescaleDB.
 */
public class V3__Timescale_hypertables extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V3__Timescale_hypertables.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!StoreLayout.timescaleAvailable(c)) {
            log.info("TimescaleDB is not available: event_history and audit_entry stay natively partitioned by day");
            return;
        }
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        } catch (SQLException e) {
            // Listed as available but not loadable, typically missing from shared_preload_libraries.
            c.rollback(sp);
            log.warn("TimescaleDB is available but cannot be created ({}): native partitions are kept", e.getMessage());
            return;
        }
        hypertable(c, "event_history", "event_time");
        hypertable(c, "audit_entry", "chain_day");
    }

    private static void hypertable(Connection c, String table, String timeColumn) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    log.warn("{} already holds rows: left natively partitioned", table);
                    return;
                }
            }
            s.execute("CREATE TABLE " + table + "_ht (LIKE " + table + " INCLUDING ALL)");
            s.execute("DROP TABLE " + table);
            s.execute("ALTER TABLE " + table + "_ht RENAME TO " + table);
            s.execute("SELECT create_hypertable('" + table + "', '" + timeColumn
                    + "', chunk_time_interval => INTERVAL '1 day')");
            log.info("{} is a TimescaleDB hypertable with daily chunks on {}", table, timeColumn);
        }
    }
}
