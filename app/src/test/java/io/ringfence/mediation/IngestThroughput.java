package io.ringfence.mediation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.audit.TestDatabase;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Events/s of a mediation platform's file through the drop folder's ingester (checksum, ledger, every row parsed,
 * one Kafka transaction per file with its marker) on an embedded broker and PostgreSQL (docs/benchmarks.md). Not a
 * test: a measurement, run by hand with
 * {@code java -cp ... io.ringfence.mediation.IngestThroughput SUBSCRIBERS [ROUNDS]}.
 *
 * <p>Each round ingests the same simulated day as a new plain JSON Lines file and as a new gzip one (a line added
 * per round keeps their checksums new, so the ledger takes each as a file it has not seen).
 */
public final class IngestThroughput {
    private IngestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("ingest-throughput");
        StringBuilder day = new StringBuilder();
        long events = 0;
        for (TelecomEvent e : new TrafficSimulator(SimulationConfig.day(7, subscribers))) {
            day.append(EventJson.toJson(e)).append('\n');
            events++;
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperty("transaction.state.log.replication.factor", "1");
        kafka.brokerProperty("transaction.state.log.min.isr", "1");
        kafka.afterPropertiesSet();
        kafka.addTopics("telecom.events", "telecom.events.dlq", "telecom.events.ingested");
        DataSource db = TestDatabase.fresh();
        KafkaTarget target = new KafkaTarget(kafka.getBrokersAsString(), "telecom.events", "telecom.events.dlq",
                "telecom.events.ingested", "ingest-throughput", Duration.ofMinutes(10), Map.of());
        System.out.printf(Locale.ROOT, "%d subscribers, %,d events, %,d bytes of JSON Lines; %d rounds%n", subscribers,
                events, day.length(), rounds);
        try (FileIngester ingester = new FileIngester(target, db, null, new FileMetrics(new SimpleMeterRegistry()))) {
            for (int round = 1; round <= rounds; round++) {
                String content = day + "{\"round\":" + round + "}\n"; // one bad row: the dead-letter path is taken too
                Path plain = dir.resolve("day-" + round + ".jsonl");
                Files.writeString(plain, content, StandardCharsets.UTF_8);
                Path gz = dir.resolve("day-" + round + ".jsonl.gz");
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 64 * 1024);
                     BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                    w.write(content);
                    w.write("{\"gz\":true}\n");
                }
                for (Path file : new Path[]{plain, gz}) {
                    long t0 = System.nanoTime();
                    Outcome o = ingester.ingest(file);
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d, %s (%,d bytes): %s, %,d sent, %,d rejected, %.1f s = %,.0f events/s%n",
                            round, file.getFileName(), Files.size(file), o.kind(), o.sent(), o.rejected(), s, o.sent() / s);
                }
            }
        } finally {
            kafka.destroy();
        }
    }
}
