package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.mediation.CdrFile;
import io.ringfence.mediation.ColumnMapping;
import io.ringfence.mediation.FileRejected;
import io.ringfence.mediation.Row;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "feed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends a file of events (JSON Lines, or CSV with a column mapping; plain or gzip) to a running"
                + " service's telecom.events at a given rate, keyed by subscriber: for an operator's own tests.",
                "JSON lines go as they are, bad ones included, so the service's dead-letter path can be tried too;"
                        + " CSV rows that cannot become an event are counted and skipped. No ledger: every run sends again."})
final class FeedCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "events to send")
    Path file;

    @Option(names = "--mapping", paramLabel = "MAPPING.properties", description = "column mapping, for a CSV file")
    Path mapping;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "N",
            description = "events per second (default: ${DEFAULT-VALUE}; 0: as fast as Kafka takes them)")
    int rate;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "CLIENT.properties",
            description = "Kafka client properties for TLS and SASL (security.protocol, sasl.jaas.config, ssl.truststore.*),"
                    + " as the service's ringfence.kafka.properties.*")
    Path kafkaConfig;

    @Option(names = "--topic", defaultValue = "telecom.events", paramLabel = "TOPIC", description = "default: ${DEFAULT-VALUE}")
    String topic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rate < 0) {
            throw new CliException("--rate must be 0 or more: " + rate);
        }
        ReplayCommand.requireReadable(file, "events file");
        ColumnMapping columns = null;
        if (mapping != null) {
            ReplayCommand.requireReadable(mapping, "mapping file");
            try {
                columns = ColumnMapping.load(mapping);
            } catch (IOException e) {
                throw new CliException("cannot read mapping file " + mapping + ": " + IoMessages.reason(e), e);
            } catch (IllegalArgumentException e) {
                throw new CliException("bad mapping file " + mapping + ": " + e.getMessage(), e);
            }
        }
        Properties p = new Properties();
        p.putAll(KafkaConfigFile.load(kafkaConfig));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        long sent = 0;
        long skipped = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        CdrFile cdrs;
        String checksum;
        try {
            cdrs = CdrFile.of(file, columns);
            checksum = cdrs.checksum(); // CSV rows without an id column get ids from it: another file, other ids
        } catch (FileRejected e) {
            throw new CliException("cannot feed " + file + ": " + e.getMessage(), e);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
             CdrFile.Rows rows = cdrs.rows(checksum)) {
            Row row;
            while ((row = rows.next()) != null && failure.get() == null) {
                byte[] value = row.accepted() ? row.value() : row.original();
                if (!row.accepted() && cdrs.csv()) {
                    if (skipped++ < 5) {
                        err.println("line " + row.line() + " skipped: " + (row.field() == null ? "" : row.field() + ": ") + row.reason());
                    }
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, row.key(), value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                pace(sent, start);
            }
            producer.flush();
        } catch (FileRejected e) {
            throw new CliException("cannot feed " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
        if (failure.get() != null) {
            throw new CliException("Kafka refused a record: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%,d events sent to %s in %.1f s (%,.0f events/s)%s%n", sent, topic, seconds,
                sent / Math.max(seconds, 1e-3), skipped == 0 ? "" : String.format(Locale.ROOT, "; %,d CSV rows skipped", skipped));
        out.flush();
        return 0;
    }

    private void pace(long sent, long startNanos) throws InterruptedException {
        if (rate == 0) {
            return;
        }
        long wait = startNanos + sent * 1_000_000_000L / rate - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
