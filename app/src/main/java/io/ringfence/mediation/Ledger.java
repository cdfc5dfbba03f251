package io.ringfence.mediation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The checksum ledger ({@code ingest_file}): which file contents have been taken. Plain JDBC, because the
 * command-line {@code ingest} runs without Spring against the service's database.
 */
final class Ledger {
    /** What to do with a file whose content has this checksum. */
    sealed interface Claim {
        /** First time, or after it failed: ingest it. */
        record Fresh() implements Claim {
        }

        /** A run stopped while sending it: the Kafka transaction may or may not have committed. */
        record Interrupted() implements Claim {
        }

        /** Already taken: nothing of it is sent again. */
        record Taken(String fileName, Instant at) implements Claim {
        }
    }

    private final DataSource db;

    Ledger(DataSource db) {
        this.db = db;
    }

    Claim claim(String checksum, String fileName) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ingest_file (checksum, file_name, state, claimed_at)"
                    + " VALUES (?, ?, 'INGESTING', now()) ON CONFLICT (checksum) DO NOTHING")) {
                insert.setString(1, checksum);
                insert.setString(2, fileName);
                if (insert.executeUpdate() == 1) {
                    return new Claim.Fresh();
                }
            }
            try (PreparedStatement retry = c.prepareStatement("UPDATE ingest_file SET state = 'INGESTING', file_name = ?,"
                    + " claimed_at = now(), finished_at = NULL, reason = NULL WHERE checksum = ? AND state = 'FAILED'")) {
                retry.setString(1, fileName);
                retry.setString(2, checksum);
                if (retry.executeUpdate() == 1) {
                    return new Claim.Fresh();
                }
            }
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT state, file_name, finished_at FROM ingest_file WHERE checksum = ?")) {
                read.setString(1, checksum);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("ingest_file row for " + checksum + " vanished while claiming it");
                    }
                    if (rs.getString(1).equals("INGESTING")) {
                        return new Claim.Interrupted();
                    }
                    Timestamp at = rs.getTimestamp(3);
                    return new Claim.Taken(rs.getString(2), at == null ? null : at.toInstant());
                }
            }
        }
    }

    void done(String checksum, long sent, long rejected) throws SQLException {
        finish(checksum, "DONE", sent, rejected, null);
    }

    void failed(String checksum, String reason) throws SQLException {
        finish(checksum, "FAILED", null, null, reason);
    }

    /** Fails fast, with a message an operator can act on, when the service never migrated this database. */
    void check() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ingest_file WHERE false")) {
            s.executeQuery().close();
        }
    }

    private void finish(String checksum, String state, Long sent, Long rejected, String reason) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_file SET state = ?, finished_at = now(),"
                     + " rows_sent = ?, rows_rejected = ?, reason = ? WHERE checksum = ?")) {
            c.setAutoCommit(true);
            s.setString(1, state);
            s.setObject(2, sent);
            s.setObject(3, rejected);
            s.setString(4, reason);
            s.setString(5, checksum);
            s.executeUpdate();
        }
    }
}
