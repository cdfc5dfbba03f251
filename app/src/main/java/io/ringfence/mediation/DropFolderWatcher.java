package io.ringfence.mediation;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringfence.config.IoMessages;
import io.ringfence.startup.StartupRefused;
import io.ringfence.stream.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The service's side of the file ingest: when {@code ringfence.ingest.drop-dir} is set, the folder is
 * looked at every {@code poll-interval} and its complete files are taken one by one on a thread of their
 * own. Polling rather than a file-system watch: mediation platforms deliver over NFS and SFTP mounts, where
 * change notifications do not arrive.
 */
@Component
class DropFolderWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DropFolderWatcher.class);

    private final IngestProperties properties;
    private final KafkaSettings kafka;
    private final DataSource db;
    private final MeterRegistry registry;
    private ScheduledExecutorService thread;
    private FileIngester ingester;
    private DropFolder folder;
    private volatile boolean running;

    DropFolderWatcher(IngestProperties properties, KafkaSettings kafka, DataSource db, MeterRegistry registry) {
        this.properties = properties;
        this.kafka = kafka;
        this.db = db;
        this.registry = registry;
    }

    @Override
    public void start() {
        if (properties.dropDir() == null) {
            return;
        }
        ColumnMapping mapping = null;
        try {
            Files.createDirectories(properties.dropDir());
            if (properties.mapping() != null) {
                mapping = ColumnMapping.load(properties.mapping());
            }
        } catch (IOException e) {
            throw new StartupRefused("ringfence.ingest: cannot use the drop folder " + properties.dropDir()
                    + " or read the mapping " + properties.mapping() + ": " + IoMessages.reason(e));
        } catch (IllegalArgumentException e) {
            // A wrong mapping would send every CSV file to failed/: better not to start.
            throw new StartupRefused("ringfence.ingest.mapping " + properties.mapping() + " is wrong: " + e.getMessage());
        }
        FileMetrics metrics = new FileMetrics(registry);
        KafkaTarget target = new KafkaTarget(kafka.bootstrapServers(), kafka.topics().events(), kafka.topics().deadLetter(),
                properties.markerTopic(), properties.transactionalId(), properties.transactionTimeout(),
                kafka.properties()); // checked at startup like every client's (KafkaClientProperties)
        ingester = new FileIngester(target, db, mapping, metrics);
        folder = new DropFolder(properties.dropDir(), ingester, metrics);
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ringfence-drop-folder"));
        running = true;
        long every = properties.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
        log.info("Taking CDR files from {} every {}{}", properties.dropDir(), properties.pollInterval(),
                mapping == null ? " (JSON Lines only: no CSV mapping configured)" : " (CSV mapping " + properties.mapping() + ")");
    }

    private void round() {
        try {
            folder.takeAll();
        } catch (IngestUnavailable e) {
            log.warn("CDR file ingest paused until the next look at the folder: {}", e.getMessage());
        } catch (IOException e) {
            log.warn("cannot read or move files in the drop folder {}: {}", properties.dropDir(), e.getMessage());
        } catch (RuntimeException e) {
            // The scheduler would stop repeating after an exception: log it and keep watching.
            log.error("CDR file ingest failed; trying again at the next look at the folder", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
            ingester.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
