package io.ringfence.audit;

import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.scheduling.annotation.Scheduled;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Creates today's and tomorrow's partitions ahead of the stream, at start and every hour, so that
 * the writers seldom need to create one while a batch waits.
 */
public class PartitionMaintenance {
    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final DataSource dataSource;
    private final DailyPartitions partitions;
    private final Clock clock;

    public PartitionMaintenance(DataSource dataSource, DailyPartitions partitions, Clock clock) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.clock = clock;
    }

    /** After the migrations: says which layout the store has (TimescaleDB detection) and creates the first days. */
    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        try (Connection c = dataSource.getConnection()) {
            log.info("store: TimescaleDB {}; event_history and audit_entry are {}",
                    StoreLayout.timescaleAvailable(c) ? "available" : "not available",
                    partitions.isNative() ? "natively partitioned by day" : "hypertables");
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the store's layout", e);
        }
        createAhead();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    public void createAhead() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<LocalDate> days = List.of(today, today.plusDays(1));
        partitions.ensure(DailyPartitions.Table.EVENT_HISTORY, days);
        partitions.ensure(DailyPartitions.Table.AUDIT_ENTRY, days);
    }
}
