package io.ringfence.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies the newest days of the audit chain while the service runs, so that a broken chain raises an alert
 * (ringfence_audit_chain_broken, docs/operations.md) the day it breaks rather than the day someone runs
 * {@code audit-verify}. Each check reads only the rows written since the last one (the chain up to there was
 * verified); every {@code full} interval the days are read again from their first row, which also catches rows
 * deleted or altered behind the checkpoint. Older days are {@code audit-verify}'s: a restart does not re-read
 * months of history.
 */
@Component
class AuditChainWatch {
    private static final Logger log = LoggerFactory.getLogger(AuditChainWatch.class);

    /** How far a day was verified: its last intact row and that row's hash. */
    private record Checkpoint(long seq, byte[] hash) {
    }

    /**
     * What the running check knows of one day: verified up to {@code seq} at {@code at}, or broken there.
     *
     * @param broken the first break found, null while the day verifies
     */
    record DayStatus(LocalDate day, long seq, Instant at, ChainVerifier.Break broken) {
    }

    private final DataSource db;
    private final ChainVerifier verifier;
    private final int newestDays;
    private final Duration full;
    private final Clock clock;
    private final Map<LocalDate, Checkpoint> checked = new HashMap<>();
    private final Map<LocalDate, DayStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter rows;
    private volatile ChainVerifier.Break broken;
    private volatile long lastCheck;
    private Instant lastFull = Instant.EPOCH;

    @Autowired
    AuditChainWatch(DataSource db, ChainVerifier verifier, MeterRegistry meters,
                    @Value("${ringfence.audit.chain-watch.days:2}") int newestDays,
                    @Value("${ringfence.audit.chain-watch.full:PT6H}") Duration full) {
        this(db, verifier, meters, newestDays, full, Clock.systemUTC());
    }

    AuditChainWatch(DataSource db, ChainVerifier verifier, MeterRegistry meters, int newestDays, Duration full, Clock clock) {
        this.db = db;
        this.verifier = verifier;
        this.newestDays = newestDays;
        this.full = full;
        this.clock = clock;
        this.rows = Counter.builder("ringfence.audit.chain.rows.checked")
                .description("audit rows whose hash chain was verified while the service runs").register(meters);
        Gauge.builder("ringfence.audit.chain.broken", this, w -> w.broken == null ? 0 : 1)
                .description("1 when the running check found the audit chain broken (the log names the day and row)")
                .register(meters);
        Gauge.builder("ringfence.audit.chain.checked", this, w -> w.lastCheck)
                .description("when the running check last completed (epoch seconds)").baseUnit("seconds").register(meters);
    }

    @Scheduled(initialDelayString = "${ringfence.audit.chain-watch.interval:PT5M}",
            fixedDelayString = "${ringfence.audit.chain-watch.interval:PT5M}")
    void scheduled() {
        try {
            check();
        } catch (RuntimeException | SQLException e) {
            log.warn("audit chain: the running check could not read the chain ({}); tried again at the next interval",
                    e.toString());
        }
    }

    /** The days the running check watches, as of its last check. */
    Map<LocalDate, DayStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /** @return the first break found by this check, or null when the newest days are intact */
    synchronized ChainVerifier.Break check() throws SQLException {
        Instant now = clock.instant();
        boolean fromStart = !now.isBefore(lastFull.plus(full));
        ChainVerifier.Break found = null;
        try (Connection c = db.getConnection()) {
            List<LocalDate> days = verifier.days(c);
            List<LocalDate> newest = days.subList(Math.max(0, days.size() - newestDays), days.size());
            checked.keySet().retainAll(newest);
            statuses.keySet().retainAll(newest);
            for (LocalDate day : newest) {
                Checkpoint from = fromStart ? null : checked.get(day);
                ChainVerifier.DayResult r = from == null
                        ? verifier.verify(c, day, java.util.Set.of())
                        : verifier.verifyAfter(c, day, from.seq(), from.hash());
                rows.increment(r.entries());
                if (r.firstBreak() != null) {
                    checked.remove(day);
                    statuses.put(day, new DayStatus(day, r.firstBreak().seq() - 1, now, r.firstBreak()));
                    found = found == null ? r.firstBreak() : found;
                    continue;
                }
                long seq = (from == null ? 0 : from.seq()) + r.entries();
                checked.put(day, new Checkpoint(seq, HexFormat.of().parseHex(r.lastHash())));
                statuses.put(day, new DayStatus(day, seq, now, null));
            }
        }
        if (found != null && broken == null) {
            log.error("audit chain broken: {} (run audit-verify for every day and the published heads)", found);
        } else if (found == null && broken != null) {
            log.warn("audit chain: the newest days verify again; the break seen before was {}", broken);
        }
        broken = found;
        if (fromStart) {
            lastFull = now;
        }
        lastCheck = now.getEpochSecond();
        return found;
    }
}
