package io.ringfence.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.mediation.ColumnMapping;
import io.ringfence.mediation.DropFolder;
import io.ringfence.mediation.FileIngester;
import io.ringfence.mediation.FileMetrics;
import io.ringfence.mediation.IngestUnavailable;
import io.ringfence.mediation.KafkaTarget;
import io.ringfence.mediation.Outcome;
import io.ringfence.config.IoMessages;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Takes the CDR files in a folder (JSON Lines or CSV with a column mapping, plain or gzip) to"
                + " telecom.events, each file exactly once, and moves each to done/ or failed/ (with NAME.reasons).",
                "Bad rows go to the dead-letter topic. The database password is read from RINGFENCE_DB_PASSWORD.",
                "Exit code 0: every file done (or a duplicate); 2: some went to failed/; 1: Kafka or the database failed."})
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the folder the files are in")
    Path dir;

    @Option(names = "--mapping", paramLabel = "MAPPING.properties", description = "column mapping for CSV files")
    Path mapping;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka")
    String bootstrapServers;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "the service's PostgreSQL, which holds the ledger, e.g. jdbc:postgresql://db:5432/ringfence")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "ringfence", paramLabel = "USER", description = "default: ${DEFAULT-VALUE}")
    String dbUser;

    @Option(names = "--kafka-config", paramLabel = "CLIENT.properties",
            description = "Kafka client properties for TLS and SASL (security.protocol, sasl.jaas.config, ssl.truststore.*),"
                    + " as the service's ringfence.kafka.properties.*")
    Path kafkaConfig;

    @Option(names = "--topic", defaultValue = "telecom.events", paramLabel = "TOPIC", description = "default: ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--dead-letter-topic", defaultValue = "telecom.events.dlq", paramLabel = "TOPIC",
            description = "default: ${DEFAULT-VALUE}")
    String deadLetterTopic;

    @Option(names = "--marker-topic", defaultValue = "telecom.events.ingested", paramLabel = "TOPIC",
            description = "one record per file, in the file's transaction (default: ${DEFAULT-VALUE})")
    String markerTopic;

    @Option(names = "--transactional-id", defaultValue = "ringfence-ingest-cli", paramLabel = "ID",
            description = "run again with the same id after a crash, so its open transaction is aborted at once"
                    + " (default: ${DEFAULT-VALUE})")
    String transactionalId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new CliException("cannot read folder " + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
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
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(jdbcUrl);
        db.setUser(dbUser);
        String password = System.getenv("RINGFENCE_DB_PASSWORD");
        if (password != null) {
            db.setPassword(password);
        }
        FileMetrics metrics = new FileMetrics(new SimpleMeterRegistry());
        KafkaTarget target = new KafkaTarget(bootstrapServers, topic, deadLetterTopic, markerTopic, transactionalId,
                Duration.ofMinutes(10), KafkaConfigFile.load(kafkaConfig));
        List<DropFolder.Taken> taken;
        try (FileIngester ingester = new FileIngester(target, db, columns, metrics)) {
            ingester.checkLedger();
            taken = new DropFolder(dir, ingester, metrics).takeAll();
        } catch (IngestUnavailable e) {
            throw new CliException("ingest stopped (the file being taken stays in " + dir + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot list or move files in " + dir + ": " + IoMessages.reason(e), e);
        }
        boolean anyFailed = false;
        for (DropFolder.Taken t : taken) {
            Outcome o = t.outcome();
            anyFailed |= o.kind() == Outcome.Kind.FAILED;
            out.printf(Locale.ROOT, "%-9s %s  %,d events, %,d rejected rows%s%n", o.kind(), t.file().getFileName(),
                    o.sent(), o.rejected(), o.reason() == null ? "" : "  (" + o.reason() + ")");
        }
        out.printf(Locale.ROOT, "%d files taken%n", taken.size());
        out.flush();
        return anyFailed ? 2 : 0;
    }
}
