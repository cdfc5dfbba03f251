package io.ringfence.audit;

import io.ringfence.contract.Action;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The durable writes of the streaming service's batch, against a real PostgreSQL 17 (embedded, on
 * this machine, migrated by Flyway as the service migrates it), one committed transaction per
 * invocation as the service commits one per poll:
 * {@code eventHistory}: a poll's 2,000 simulated events by COPY (scores are events/s);
 * {@code auditDecision}: one decision appended to the hash-chained audit trail (decisions/s).
 * Run with {@code mvn -q -pl app test-compile exec:exec@jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Threads(1)
public class AuditWriteBenchmark {
    private static final int POLL = 2_000;

    private DataSource db;
    /** One connection for the run, as the service's pool hands the same few out again. */
    private Connection c;
    private EventHistoryWriter history;
    private AuditTrail audit;
    private List<String> payloads;
    private long offset;
    private long decisions;

    @Setup
    public void setUp() {
        db = TestDatabase.fresh();
        DailyPartitions partitions = new DailyPartitions(db);
        history = new EventHistoryWriter(partitions);
        audit = new AuditTrail(partitions);
        try {
            c = db.getConnection();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        payloads = new ArrayList<>();
        for (TelecomEvent e : new TrafficSimulator(SimulationConfig.day(1, 2_000))) {
            payloads.add(EventJson.toJson(e));
            if (payloads.size() == 10_000) {
                break;
            }
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        c.close();
        TestDatabase.server().close();
    }

    @Benchmark
    @OperationsPerInvocation(POLL)
    public void eventHistory() throws SQLException {
        long at = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
        List<StoredEvent> batch = new ArrayList<>(POLL);
        for (int i = 0; i < POLL; i++) {
            long o = offset++;
            batch.add(new StoredEvent("E" + o, "+4477009" + (o % 100_000), "VOICE", at + o, 0, o,
                    payloads.get((int) (o % payloads.size()))));
        }
        history.write(c, batch);
        c.commit();
    }

    @Benchmark
    public void auditDecision() throws SQLException {
        long n = decisions++;
        Instant at = Instant.parse("2026-03-02T12:00:00Z").plusMillis(n);
        AuditedDecision d = AuditFixtures.audited(AuditFixtures.decision("D" + n, Action.BLOCK_SUBSCRIBER,
                "+4477009" + (n % 100_000), "IRSF", at));
        audit.appendDecisions(c, List.of(d));
        c.commit();
    }
}
