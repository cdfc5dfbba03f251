package io.ringfence.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.DailyPartitions;
import io.ringfence.audit.EventHistoryReader;
import io.ringfence.audit.EventHistoryWriter;
import io.ringfence.audit.StoredEvent;
import io.ringfence.audit.TestDatabase;
import io.ringfence.cases.CaseOutcomes;
import io.ringfence.cli.RingfenceCli;
import io.ringfence.config.DecisionSetup;
import io.ringfence.config.DetectionSetup;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.RuleSet;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Events/s of a backtest over stored history against {@code replay} of a file of the same day, on one
 * embedded PostgreSQL (docs/benchmarks.md). Not a test: a measurement, run by hand with
 * {@code java -cp ... io.ringfence.backtest.BacktestThroughput SUBSCRIBERS [ROUNDS]}.
 *
 * <p>The backtest runs the shipped rules on both sides (a no-op change): the work is that of two pipelines,
 * which is what any backtest costs; replay runs one.
 */
public final class BacktestThroughput {
    private static final Instant DAY = SimulationConfig.DEFAULT_START;

    private BacktestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("backtest-throughput");
        Path file = dir.resolve("day.jsonl");
        DataSource db = TestDatabase.fresh();
        List<StoredEvent> stored = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TelecomEvent e : new TrafficSimulator(SimulationConfig.day(7, subscribers))) {
                String json = EventJson.toJson(e);
                out.write(json);
                out.write('\n');
                stored.add(new StoredEvent(e.getEventId(), e.getSubscriber(), e.getType().name(), e.getTimestampMillis(),
                        0, stored.size(), json));
            }
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            EventHistoryWriter writer = new EventHistoryWriter(new DailyPartitions(db));
            for (int i = 0; i < stored.size(); i += 20_000) {
                writer.write(c, stored.subList(i, Math.min(stored.size(), i + 20_000)));
            }
            c.commit();
        }
        int events = stored.size();
        stored = null;
        System.out.printf(Locale.ROOT, "%d subscribers, %,d events; %d rounds, alternating%n", subscribers, events, rounds);

        JdbcTemplate jdbc = new JdbcTemplate(db);
        BacktestStore store = new BacktestStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)));
        BacktestProperties properties = new BacktestProperties(1, 1, Duration.ofDays(31), Duration.ofHours(1),
                100_000_000L, 1_000_000, 2000, 4096, Duration.ofMinutes(2), org.springframework.util.unit.DataSize.ofMegabytes(256),
                org.springframework.util.unit.DataSize.ofGigabytes(2), dir.resolve("uploads"));
        BacktestRunner runner = new BacktestRunner(store, new CaseOutcomes(jdbc), properties, new ObjectMapper());
        RuleSet rules = DetectionSetup.compileRules(null);
        DecisionAssets.Live models = DecisionAssets.shipped().live();
        UUID change = change(jdbc);
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            java.io.StringWriter summary = new java.io.StringWriter();
            picocli.CommandLine cli = RingfenceCli.commandLine();
            cli.setOut(new java.io.PrintWriter(summary));
            cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
            int exit = cli.execute("replay", "--events", file.toString(), "--alerts",
                    dir.resolve("a.jsonl").toString(), "--decisions", dir.resolve("d.jsonl").toString());
            double replay = (System.nanoTime() - t0) / 1e9;
            String replayLine = summary.toString().lines().filter(l -> l.startsWith("Wall time")).findFirst().orElse("?");

            Backtest b = new Backtest(UUID.randomUUID(), change, "RULES", rules.version(), rules.version(), DAY,
                    DAY.plus(Duration.ofDays(1)), Backtest.Status.QUEUED, "bench", Instant.now(), null, null, 0, null, null, null, null);
            store.insert(b);
            SideBySide.Versions v = new SideBySide.Versions(rules, models, DetectionSetup.loadReference(null, null),
                    DecisionSetup.segments(null));
            long t1 = System.nanoTime();
            runner.run(new Job(b.backtestId(), Events.history(new EventHistoryReader(jdbc), b.from(), b.to(), 2000), v, v),
                    Job.Listener.NONE);
            double backtest = (System.nanoTime() - t1) / 1e9;
            Backtest result = store.find(b.backtestId()).orElseThrow();

            long t2 = System.nanoTime();
            long[] read = {0};
            new EventHistoryReader(jdbc).inEventTimeOrder(b.from(), b.to(), 2000, (at, payload) -> ++read[0] > 0);
            double readOnly = (System.nanoTime() - t2) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: replay (file, one pipeline) %.1f s with compiling = %,.0f events/s (exit %d; its own summary: %s); "
                            + "backtest (history, two pipelines) %.1f s = %,.0f events/s (%s, %,d events, %s); "
                            + "reading the range alone %.1f s = %,.0f events/s%n",
                    round, replay, events / replay, exit, replayLine, backtest, events / backtest, result.status(), result.eventsDone(),
                    result.reason() == null ? "no reason" : result.reason(), readOnly, read[0] / readOnly);
        }
    }

    /** A change row for the jobs to point at (backtest.change_id references asset_change). */
    private static UUID change(JdbcTemplate jdbc) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO asset_change (change_id, kind, target, operation, version, content, content_sha256, status, "
                + "author, submitted_at) VALUES (?, 'RULES', 'rules', 'DEPLOY', 'bench', ?, 'none', 'PENDING', 'bench', now())",
                id, new byte[0]);
        return id;
    }
}
