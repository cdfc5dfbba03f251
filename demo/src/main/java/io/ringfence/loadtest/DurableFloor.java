package io.ringfence.loadtest;

import io.ringfence.embedded.EmbeddedServers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The durable floor (issue 18): the same service, on the same machine and the same records of {@code telecom.events},
 * with detection off ({@code ringfence.stream.floor}): consume, parse, write the event history and commit the offsets
 * in the batch transaction, nothing else. Run after the measured service has stopped, on a database of its own, from
 * the topic's beginning, as a backlog: what the service's throughput is compared with.
 */
final class DurableFloor {
    static final String DATABASE = "ringfence_floor";
    /** Parsing and JDBC warm up faster than the rules; a longer warm-up would leave small days no window. */
    static final int MAX_WARMUP_SECONDS = 30;

    /**
     * @param stored    rows in the floor's event history when it ended
     * @param decisions decisions in the floor's audit trail (none: nothing was detected)
     */
    record Result(long events, double seconds, double perSecond, Map<String, Object> cpu, long stored, long decisions) {
    }

    private DurableFloor() {
    }

    /** @param records how many records the topic holds: the floor is done when all are durable */
    static Result measure(EmbeddedServers servers, String topic, long records, Path log, List<String> jvmArgs,
                          List<String> serviceArgs, int warmupSeconds, int durationSeconds) throws Exception {
        String url = freshDatabase(servers);
        List<String> args = new ArrayList<>(serviceArgs);
        args.add("--ringfence.stream.floor=true");
        args.add("--ringfence.kafka.group-id=ringfence-floor");
        try (ServiceUnderTest service = ServiceUnderTest.start(servers, url, log, jvmArgs, args)) {
            service.awaitReady(Duration.ofMinutes(4));
            long start = System.nanoTime();
            long durableAtFirst = durable(url, topic);
            long measureFrom = start + Math.min(warmupSeconds, MAX_WARMUP_SECONDS) * 1_000_000_000L;
            long until = measureFrom + durationSeconds * 1_000_000_000L;
            CpuMeter cpu = new CpuMeter(service.pid(), java.net.URI.create(servers.jdbcUrl().substring(5)).getPort());
            CpuMeter.Snapshot cpuAtStart = null;
            long windowStart = 0;
            long durableAtStart = 0;
            long drainUntil = until + Duration.ofMinutes(3).toNanos();
            while (true) {
                Thread.sleep(50);
                long now = System.nanoTime();
                long done = durable(url, topic);
                if (windowStart == 0 && now >= measureFrom) {
                    windowStart = now;
                    durableAtStart = done;
                    cpuAtStart = cpu.snapshot();
                }
                if (now >= until || done >= records) {
                    if (windowStart == 0 || now - windowStart < 1_000_000_000L) {
                        // The backlog ran out within the warm-up: the whole run is the window.
                        windowStart = start;
                        durableAtStart = durableAtFirst;
                        cpuAtStart = null;
                    }
                    double seconds = (now - windowStart) / 1e9;
                    long events = done - durableAtStart;
                    Map<String, Object> perParty = cpuAtStart == null ? Map.of()
                            : CpuMeter.between(cpuAtStart, cpu.snapshot(), events);
                    return new Result(events, seconds, events / seconds, perParty,
                            count(url, "SELECT count(*) FROM event_history"),
                            count(url, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'"));
                }
                if (now > drainUntil) {
                    throw new IllegalStateException("the floor run did not end");
                }
            }
        }
    }

    /** Records of {@code topic} whose history and offsets have committed: the sum of the committed positions. */
    private static long durable(String url, String topic) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(next_offset), 0) FROM ingest_offset WHERE topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the service has not created its tables yet
            }
            throw e;
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String freshDatabase(EmbeddedServers servers) throws SQLException {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return servers.jdbcUrl().substring(0, servers.jdbcUrl().lastIndexOf('/') + 1) + DATABASE;
    }
}
