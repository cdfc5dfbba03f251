package io.ringfence.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHistoryWriterTest {
    private static final Logger log = LoggerFactory.getLogger(EventHistoryWriterTest.class);
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.fresh();
    }

    @Test
    void copiesEventsIntoTheirDaysPartitionsCreatedOnDemand() throws SQLException {
        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        Instant day1 = Instant.parse("2026-03-01T23:59:59.999Z");
        Instant day2 = Instant.parse("2026-03-02T00:00:00Z");
        List<StoredEvent> events = List.of(AuditFixtures.event(1, "447700900001", day1),
                AuditFixtures.event(2, "447700900001", day2), AuditFixtures.event(3, "447700900002", day2));
        inTx(c -> writer.write(c, events));

        assertThat(count("SELECT count(*) FROM event_history_20260301")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM event_history_20260302")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM event_history_default")).isZero();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload, event_time, kafka_offset FROM event_history WHERE event_id = 'E1'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(events.get(0).json());
            assertThat(rs.getObject(2, java.time.OffsetDateTime.class).toInstant()).isEqualTo(day1);
            assertThat(rs.getLong(3)).isEqualTo(1);
        }
    }

    @Test
    void payloadsComeBackByteForByteWhateverTheyHold() throws SQLException {
        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        long at = Instant.parse("2026-03-05T10:00:00Z").toEpochMilli();
        // COPY's text format gives a meaning to backslashes, tabs and line ends; none may leak into the row.
        String[] payloads = {"{\"a\":\"back\\\\slash \\\"q\\\" \\u00e9\"}", "raw\ttab\nnew line\r\nend\\N",
                "\\.", "é ✓ \"\"", "trailing backslash \\"};
        List<StoredEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            events.add(new StoredEvent("T" + i, "4477009000\t" + i, "CALL", at, 0, 100 + i, payloads[i]));
        }
        inTx(c -> writer.write(c, events));
        for (int i = 0; i < payloads.length; i++) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT payload, subscriber FROM event_history WHERE event_id = 'T" + i + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(payloads[i]);
                assertThat(rs.getString(2)).isEqualTo("4477009000\t" + i);
            }
        }
    }

    @Test
    void rowsAlreadyInTheDefaultPartitionMoveIntoTheNewDaysPartition() throws SQLException {
        Instant at = Instant.parse("2026-04-10T12:00:00Z");
        // As if a day's partition could not be created when its first rows came (or rows predate this code).
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO event_history (event_time, event_id, subscriber, event_type, payload) "
                    + "VALUES ('2026-04-10 08:00:00+00', 'early', '447700900009', 'SMS', '{}')");
        }
        assertThat(count("SELECT count(*) FROM event_history_default")).isEqualTo(1);

        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        inTx(c -> writer.write(c, List.of(AuditFixtures.event(10, "447700900009", at))));

        assertThat(count("SELECT count(*) FROM event_history_default")).isZero();
        assertThat(count("SELECT count(*) FROM event_history_20260410")).isEqualTo(2);
    }

    @Test
    void aRolledBackBatchLeavesNoRows() throws SQLException {
        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            writer.write(c, List.of(AuditFixtures.event(20, "447700900020", Instant.parse("2026-05-01T10:00:00Z"))));
            c.rollback();
        }
        assertThat(count("SELECT count(*) FROM event_history WHERE event_id = 'E20'")).isZero();
        // The partition was created outside the batch's transaction, so it outlives the rollback.
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'event_history_20260501'")).isEqualTo(1);
    }

    @Test
    void aNewDayInsideAnOpenBatchIsPartitionedWithoutWaitingForThatBatch() throws SQLException {
        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        // One transaction that already wrote to event_history (and holds its locks) meets a new day:
        // the partition is created on another connection, which must not wait for this transaction.
        inTx(c -> {
            writer.write(c, List.of(AuditFixtures.event(30, "447700900030", Instant.parse("2026-05-10T10:00:00Z"))));
            writer.write(c, List.of(AuditFixtures.event(31, "447700900030", Instant.parse("2026-05-11T10:00:00Z"))));
        });
        assertThat(count("SELECT count(*) FROM event_history_20260511")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM event_history_default")).isZero();
    }

    @Test
    void twoInstancesCreatingTheSameDayBothSucceed() throws Exception {
        // Two instances (two caches) whose batches meet the same new day at the same moment.
        List<StoredEvent> a = List.of(AuditFixtures.event(40, "447700900040", Instant.parse("2026-05-20T10:00:00Z")));
        List<StoredEvent> b = List.of(AuditFixtures.event(41, "447700900041", Instant.parse("2026-05-20T11:00:00Z")));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (List<StoredEvent> batch : List.of(a, b)) {
                EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
                done.add(pool.submit(() -> {
                    start.await();
                    inTx(c -> writer.write(c, batch));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM event_history_20260520")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM event_history_default")).isZero();
    }

    @Test
    void aMissingSubscriberFailsTheBatchWithTheReason() {
        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        StoredEvent bad = new StoredEvent("X", null, "CALL", Instant.parse("2026-05-02T10:00:00Z").toEpochMilli(), 0, 0, "{}");
        assertThatThrownBy(() -> inTx(c -> writer.write(c, List.of(bad))))
                .isInstanceOf(AuditStoreException.class)
                .hasMessageContaining("1 events")
                .rootCause().hasMessageContaining("\"subscriber\"").hasMessageContaining("not-null");
    }

    @Test
    void fiveThousandRowBatchThroughput() throws SQLException {
        EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        List<List<StoredEvent>> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            List<StoredEvent> batch = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                int n = 100_000 + b * 5_000 + i;
                batch.add(AuditFixtures.event(n, "4477009" + String.format(Locale.ROOT, "%05d", n % 20_000),
                        start.plusMillis(n * 1000L)));
            }
            batches.add(batch);
        }
        double best = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<StoredEvent> batch = batches.get(b);
            long t0 = System.nanoTime();
            inTx(c -> writer.write(c, batch));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = batch.size() / seconds;
            // The first batch pays for partition creation and a cold JVM.
            log.info(String.format(Locale.ROOT, "event_history COPY: batch %d of 5,000 rows in %.1f ms (%,.0f rows/s, commit included)",
                    b + 1, seconds * 1000, rate));
            best = Math.max(best, rate);
        }
        log.info(String.format(Locale.ROOT, "event_history COPY: best %,.0f rows/s", best));
        assertThat(count("SELECT count(*) FROM event_history WHERE event_time >= '2026-06-01'")).isEqualTo(30_000);
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    static void inTx(Work work) throws SQLException {
        inTx(db, work);
    }

    static void inTx(DataSource ds, Work work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static long count(String sql) throws SQLException {
        return count(db, sql);
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
