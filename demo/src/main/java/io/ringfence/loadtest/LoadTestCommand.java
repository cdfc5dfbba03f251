package io.ringfence.loadtest;

import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The end-to-end load harness: real Kafka, PostgreSQL and Redis on this machine, the service as a
 * child process, a simulated day produced at a fixed rate (or flat out), and what a switch operator
 * would measure: how long until each event is durable, until each decision reaches the switches and
 * its audit row is committed, and how many events per second stay durable, against what a plain
 * consumer reads from the same topic. See docs/benchmarks.md, "Load harness".
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {"Runs the service under load on embedded servers and measures throughput and latency end to end.",
                "Prints: e2e events_per_s=N p99_ms=X at_rate=R raw_consume_per_s=M ratio=N/M floor_per_s=F ratio_floor=N/F"})
public final class LoadTestCommand implements Callable<Integer> {
    static final String EVENTS = "telecom.events";
    static final String DECISIONS = "fraud.decisions";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", description = "events per second to produce; 0 (default) for as fast as possible")
    int rate;

    @Option(names = "--duration", description = "seconds measured after the warm-up (default ${DEFAULT-VALUE})")
    int duration = 60;

    @Option(names = "--warmup", description = "seconds produced before measuring, for the service's JIT (default ${DEFAULT-VALUE})")
    int warmup = 15;

    @Option(names = "--subscribers", description = "simulated subscriber base (default ${DEFAULT-VALUE})")
    int subscribers = 20_000;

    @Option(names = "--incidents", description = "incidents per fraud and look-alike kind in the simulated day (default ${DEFAULT-VALUE})")
    int incidents = 20;

    @Option(names = "--hours", description = "simulated hours (default ${DEFAULT-VALUE}); the feed stops when they run out")
    int hours = 24;

    @Option(names = "--seed", description = "simulator seed (default ${DEFAULT-VALUE})")
    long seed = 20261127L;

    @Option(names = "--partitions", description = "partitions of telecom.events (default ${DEFAULT-VALUE}, as the zero-setup run)")
    int partitions = 1;

    @Option(names = "--instances", description = {"service processes sharing the partitions, one consumer group as the"
            + " pods of a deployment (default ${DEFAULT-VALUE}); at most --partitions"})
    int instances = 1;

    @Option(names = "--service-heap", description = "the service's -Xmx (default ${DEFAULT-VALUE})")
    String serviceHeap = "2g";

    @Option(names = "--service-jvm-arg", description = "another JVM option for the service, e.g. -XX:StartFlightRecording=filename=s.jfr,settings=profile")
    List<String> serviceJvmArgs = new ArrayList<>();

    @Option(names = "--service-arg", description = "another Spring option for the service, e.g. --ringfence.kafka.max-poll-records=5000")
    List<String> serviceArgs = new ArrayList<>();

    @Option(names = "--report", description = "JSON report (default ${DEFAULT-VALUE})")
    Path report = Path.of("loadtest-report.json");

    @Option(names = "--service-log", description = "the service's log (default ${DEFAULT-VALUE})")
    Path serviceLog = Path.of("loadtest-service.log");

    @Option(names = "--events", description = "stop producing after this many events (default: no limit)")
    long maxEvents = Long.MAX_VALUE;

    @Option(names = "--ramp", description = {"seconds over which a fixed rate rises linearly from 0 (default ${DEFAULT-VALUE}):"
            + " the service's JIT warms up without a cold-start backlog; keep it within --warmup"})
    int ramp;

    @Option(names = "--preload", description = {"produce the events before the service starts, then measure how fast it works"
            + " through them: its throughput with no producer competing for the cores (latencies then measure the backlog)"})
    boolean preload;

    @Option(names = "--floor", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"then measure the durable floor on the same records: the service with detection off (consume,"
                    + " parse, store, commit), from the topic's start on a database of its own; prints floor_per_s and"
                    + " ratio_floor (default: on; --no-floor to skip)"})
    boolean floor = true;

    @Option(names = "--drain-timeout", description = "seconds to wait, once the feed stops, for every event to be durable (default ${DEFAULT-VALUE})")
    int drainTimeout = 180;

    @Override
    public Integer call() throws Exception {
        if (rate < 0 || duration < 1 || warmup < 0 || partitions < 1 || ramp < 0 || instances < 1 || instances > partitions) {
            // A usage error, answered as picocli answers any other (message, usage, exit code 2).
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be 0 or more, --duration at least 1, --warmup and --ramp 0 or more, --partitions at least 1, --instances from 1 to --partitions");
        }
        var out = spec.commandLine().getOut();
        SimulationConfig simulated = new SimulationConfig(seed, subscribers, SimulationConfig.DEFAULT_START, hours, incidents);
        out.println("loadtest: simulating the day");
        out.flush();
        RenderedDay day = new RenderedDay(simulated, partitions, maxEvents);
        String loadBefore = LoadReport.loadAverage();
        out.println("loadtest: starting Kafka, PostgreSQL and Redis (" + partitions + " partition(s)) and the service");
        out.flush();
        try (EmbeddedServers servers = EmbeddedServers.start(partitions, EVENTS, "telecom.events.dlq", "fraud.alerts", DECISIONS)) {
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + serviceHeap, "-Xms" + serviceHeap));
            jvm.addAll(serviceJvmArgs);
            LoadReport result = new LoadReport(this, loadBefore);
            SendTimes times = new SendTimes(partitions);
            Feed preloaded = null;
            if (preload) {
                preloaded = new Feed(servers.kafkaBootstrapServers(), EVENTS, day, 0, 0,
                        System.nanoTime() + Duration.ofHours(1).toNanos(), maxEvents, times);
                preloaded.run();
                out.println("loadtest: preloaded " + preloaded.produced() + " events in "
                        + Math.round((preloaded.endedNanos() - preloaded.startedNanos()) / 1e9) + " s");
                out.flush();
            }
            try (Instances service = Instances.start(instances, servers, servers.jdbcUrl(), serviceLog, "", jvm, serviceArgs)) {
                service.awaitReady(Duration.ofMinutes(4));
                out.println("loadtest: service ready (pid " + service.pids() + ", log " + service.logs() + "); "
                        + (preload ? "consuming the preloaded events" : "producing " + (rate == 0 ? "as fast as possible" : rate + " events/s"))
                        + " for " + warmup + " s of warm-up and " + duration + " s measured");
                out.flush();
                run(servers, service, day, result, times, preloaded);
            }
            if (floor) {
                Path floorLog = serviceLog.resolveSibling(floorLogName(serviceLog));
                out.println("loadtest: service stopped; the durable floor: the service without detection on the same "
                        + "records (log " + floorLog + ")");
                out.flush();
                try {
                    result.floor(DurableFloor.measure(servers, EVENTS, endOffsets(servers), floorLog, instances, jvm,
                            serviceArgs, warmup, duration));
                } catch (Exception e) {
                    result.floorFailed(e); // the real run's figures are still reported
                }
            }
            out.println("loadtest: reading " + EVENTS + " with a plain consumer");
            out.flush();
            result.raw(RawConsume.read(servers.kafkaBootstrapServers(), EVENTS, 2000));
            result.write(report);
            result.print(out);
            out.flush();
            return result.complete() ? 0 : 1;
        }
    }

    /** @param preloaded the feed, when it ran before the service started; else null and it runs now */
    private void run(EmbeddedServers servers, Instances service, RenderedDay day, LoadReport result,
                     SendTimes times, Feed preloaded) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long until = measureFrom + duration * 1_000_000_000L;
        DurableWatcher durable = new DurableWatcher(servers.jdbcUrl(), EVENTS, times, measureFrom, start);
        DecisionWatcher decisions = new DecisionWatcher(servers.kafkaBootstrapServers(), DECISIONS, times, measureFrom);
        Feed feed = preloaded != null ? preloaded
                : new Feed(servers.kafkaBootstrapServers(), EVENTS, day, rate, ramp, until, maxEvents, times);
        List<Thread> threads = List.of(new Thread(durable, "loadtest-durable"), new Thread(decisions, "loadtest-decisions"));
        threads.forEach(Thread::start);
        Thread feeder = new Thread(preloaded != null ? () -> { } : feed, "loadtest-feed");
        feeder.start();

        // The measured window: from the end of the warm-up until its duration is over or, if the day ran out,
        // until every event produced is durable. Flat out, the feed outruns the service, so the window
        // measures the service working through a backlog, the producer no longer competing once the day is fed.
        CpuMeter cpu = new CpuMeter(service.pids(), java.net.URI.create(servers.jdbcUrl().substring(5)).getPort());
        CpuMeter.Snapshot cpuAtStart = null;
        CpuMeter.Snapshot cpuAtEnd = null;
        Map<String, Double> metersAtStart = null;
        Map<String, Double> metersAtEnd = null;
        long windowStart = 0;
        long durableAtStart = 0;
        long windowEnd = 0;
        long durableAtEnd = 0;
        while (windowEnd == 0 || feeder.isAlive()) {
            if (feeder.isAlive()) {
                feeder.join(20);
            } else {
                Thread.sleep(20); // join returns at once on a finished thread: no spinning beside the service
            }
            long now = System.nanoTime();
            long done = durable.durable();
            if (windowStart == 0 && now >= measureFrom) {
                windowStart = now;
                durableAtStart = done;
                cpuAtStart = cpu.snapshot();
                metersAtStart = service.metrics();
            }
            boolean allDurable = !feeder.isAlive() && done >= feed.produced();
            if (windowEnd == 0 && (now >= until || allDurable || durable.failure() != null)) {
                windowEnd = now;
                durableAtEnd = done;
                cpuAtEnd = cpu.snapshot();
                metersAtEnd = service.metrics();
            }
        }
        if (windowStart == 0 || windowEnd - windowStart < 1_000_000_000L) {
            // Everything was over within the warm-up: the whole run is the window. The CPU and meters read at the
            // short window's start would not belong to it.
            windowStart = feed.startedNanos();
            durableAtStart = 0;
            cpuAtStart = null;
        }
        result.feed(feed, windowEnd - windowStart, durableAtEnd - durableAtStart);
        if (cpuAtStart != null) {
            result.cpu(CpuMeter.between(cpuAtStart, cpuAtEnd, durableAtEnd - durableAtStart));
            result.jvm(JvmWindow.between(metersAtStart, metersAtEnd, (windowEnd - windowStart) / 1e9,
                    durableAtEnd - durableAtStart, instances));
        }

        long drainUntil = System.nanoTime() + drainTimeout * 1_000_000_000L;
        while ((durable.durable() < feed.produced() || outbox(servers) > 0) && System.nanoTime() < drainUntil
                && durable.failure() == null) {
            Thread.sleep(20);
        }
        long drained = System.nanoTime();
        long emitted = emittedDecisions(servers);
        long decisionsUntil = System.nanoTime() + 10_000_000_000L;
        while (decisions.received() < emitted && System.nanoTime() < decisionsUntil) {
            Thread.sleep(20);
        }
        result.drained(durable.durable(), (drained - (preloaded != null ? start : feed.startedNanos())) / 1e9, emitted);
        result.service(service.metrics());
        durable.stop();
        decisions.stop();
        for (Thread t : threads) {
            t.join(5_000);
        }
        result.watchers(durable, decisions);
    }

    static String floorLogName(Path serviceLog) {
        String name = serviceLog.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-floor" + name.substring(dot) : name + "-floor";
    }

    /** How many records the topic holds: its partitions' end offsets (it was created for this run). */
    private static long endOffsets(EmbeddedServers servers) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor(EVENTS, Duration.ofSeconds(30)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(EVENTS, i.partition())).toList();
            return c.endOffsets(parts, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long outbox(EmbeddedServers servers) throws java.sql.SQLException {
        return count(servers, "SELECT count(*) FROM outbox");
    }

    private static long emittedDecisions(EmbeddedServers servers) throws java.sql.SQLException {
        return count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted");
    }

    private static long count(EmbeddedServers servers, String sql) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
