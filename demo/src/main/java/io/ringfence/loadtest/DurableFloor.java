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
    /** The floor's own settings, which a --service-arg of the real run must not repeat (Spring would join the two). */
    private static final java.util.regex.Pattern OWN = java.util.regex.Pattern.compile(
            "--(ringfence\\.stream\\.floor|ringfence\\.kafka\\.group-id|ringfence\\.screening\\.reconcile-on-start"
                    + "|spring\\.datasource\\.url)=");

    /**
     * @param wholeRun  the backlog ran out within the warm-up: measured from the service's launch, start-up included
     * @param stored    rows in the floor's event history when it ended
     * @param decisions decisions in the floor's audit trail (none: nothing was detected)
     */
    record Result(long events, double seconds, double perSecond, Map<String, Object> cpu, boolean wholeRun, long stored,
                  long decisions) {
    }

    private DurableFloor() {
    }

    /**
     * @param records   how many records the topic holds: the floor is done when all are durable
     * @param instances as many as the real run had: the floor is measured on the same deployment
     */
    static Result measure(EmbeddedServers servers, String topic, long records, Path log, int instances,
                          List<String> jvmArgs, List<String> serviceArgs, int warmupSeconds, int durationSeconds)
            throws Exception {
        String url = freshDatabase(servers);
        List<String> jvm = jvmArgs.stream().filter(a -> !a.startsWith("-XX:StartFlightRecording")).toList();
        List<String> args = new ArrayList<>();
        for (String a : serviceArgs) {
            if (!OWN.matcher(a).lookingAt()) {
                args.add(a);
            }
        }
        args.add("--ringfence.stream.floor=true");
        args.add("--ringfence.kafka.group-id=ringfence-floor");
        // Its store is empty: it must not rewrite the screening mirror the real run left in the shared Redis.
        args.add("--ringfence.screening.reconcile-on-start=false");
        long launched = System.nanoTime();
        try (Instances service = Instances.start(instances, servers, url, log, "-floor", jvm, args);
             Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            service.awaitReady(Duration.ofMinutes(4));
            long start = System.nanoTime();
            long measureFrom = start + Math.min(warmupSeconds, MAX_WARMUP_SECONDS) * 1_000_000_000L;
            long until = measureFrom + durationSeconds * 1_000_000_000L;
            CpuMeter cpu = new CpuMeter(service.pids(), java.net.URI.create(servers.jdbcUrl().substring(5)).getPort());
            CpuMeter.Snapshot cpuAtStart = null;
            long windowStart = 0;
            long durableAtStart = 0;
            while (true) {
                long now = System.nanoTime();
                long done = durable(c, topic);
                if (windowStart == 0 && now >= measureFrom) {
                    windowStart = now;
                    durableAtStart = done;
                    cpuAtStart = cpu.snapshot();
                }
                if (now >= until || done >= records) {
                    boolean whole = windowStart == 0 || now - windowStart < 1_000_000_000L;
                    if (whole) {
                        // The backlog ran out within the warm-up: the whole run, from the service's launch, is the
                        // window (its start-up included, so small days understate the floor).
                        windowStart = launched;
                        durableAtStart = 0;
                        cpuAtStart = null;
                    }
                    double seconds = (now - windowStart) / 1e9;
                    long events = done - durableAtStart;
                    Map<String, Object> perParty = cpuAtStart == null ? Map.of()
                            : CpuMeter.between(cpuAtStart, cpu.snapshot(), events);
                    return new Result(events, seconds, events / seconds, perParty, whole,
                            count(c, "SELECT count(*) FROM event_history"),
                            count(c, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'"));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Records of {@code topic} whose history and offsets have committed: the sum of the committed positions. */
    private static long durable(Connection c, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(next_offset), 0) FROM ingest_offset WHERE topic = ?")) {
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

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
