package io.ringfence.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the database offers and what form the time-partitioned tables took. */
public final class StoreLayout {
    private StoreLayout() {
    }

    /** TimescaleDB can be installed in this database (it need not be yet). */
    public static boolean timescaleAvailable(Connection c) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    }

    /**
     * The table is a native partitioned table (relkind 'p'), as opposed to a plain table or a hypertable.
     *
     * @throws SQLException also when the table does not exist (the migrations have not run)
     */
    public static boolean isNativelyPartitioned(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " does not exist (have the migrations run?)");
                }
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
