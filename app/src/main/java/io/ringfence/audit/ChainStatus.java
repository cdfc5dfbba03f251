package io.ringfence.audit;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit chain's state per day, for compliance officers: what the running check ({@link AuditChainWatch}) found
 * for the newest days, and a verification of any day on demand, naming the first broken row. The command line's
 * {@code audit-verify} also checks the signed heads published outside the database.
 */
@Component
class ChainStatus {
    /** One day: its head, and what is known of its verification. */
    record Day(LocalDate day, long entries, String state, Long verifiedSeq, Instant verifiedAt, Long brokenSeq,
               String problem) {
    }

    /** The result of verifying one day now. */
    record Verified(LocalDate day, long entries, boolean intact, Long brokenSeq, String problem, Instant at) {
    }

    private final DataSource db;
    private final ChainVerifier verifier;
    private final AuditChainWatch watch;
    private final Clock clock = Clock.systemUTC();

    ChainStatus(DataSource db, ChainVerifier verifier, AuditChainWatch watch) {
        this.db = db;
        this.verifier = verifier;
        this.watch = watch;
    }

    /** Every day with a chain head, newest first (at most 400). */
    List<Day> days() throws SQLException {
        Map<LocalDate, AuditChainWatch.DayStatus> known = watch.statuses();
        List<Day> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT chain_day, last_seq FROM audit_chain_head ORDER BY chain_day DESC LIMIT 400");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LocalDate day = rs.getObject(1, LocalDate.class);
                AuditChainWatch.DayStatus s = known.get(day);
                if (s == null) {
                    out.add(new Day(day, rs.getLong(2), "NOT_WATCHED", null, null, null, null));
                } else if (s.broken() != null) {
                    out.add(new Day(day, rs.getLong(2), "BROKEN", s.seq(), s.at(), s.broken().seq(), s.broken().problem()));
                } else {
                    out.add(new Day(day, rs.getLong(2), "VERIFIED", s.seq(), s.at(), null, null));
                }
            }
        }
        return out;
    }

    /** One day's chain verified now, from its first row. */
    Verified verify(LocalDate day) throws SQLException {
        try (Connection c = db.getConnection()) {
            ChainVerifier.DayResult r = verifier.verify(c, day, java.util.Set.of());
            ChainVerifier.Break b = r.firstBreak();
            return new Verified(day, r.entries(), b == null, b == null ? null : b.seq(), b == null ? null : b.problem(),
                    clock.instant());
        }
    }
}
