package io.ringfence.mediation;

import io.ringfence.stream.DeadLetters;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * Takes one file, exactly once. Its checksum is claimed in the ledger; all its events, its dead letters and
 * a marker naming its checksum go to Kafka in one transaction; then the ledger records it done. A crash
 * before the commit leaves an open transaction that the next run's producer (same transactional id) aborts,
 * and consumers reading committed records (the stream does) never saw any of it: the file is sent again,
 * whole. A crash after the commit but before the ledger write is told apart by the marker: the file is
 * recorded done without sending anything again. Not thread-safe: one file at a time.
 */
public final class FileIngester implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileIngester.class);

    /** Where a test stops the run as a crash would (nothing after it runs, not even an abort). */
    interface CrashPoint {
        CrashPoint NONE = new CrashPoint() {
        };

        default void afterRow(long rowsRead) {
        }

        default void afterCommit() {
        }
    }

    private final KafkaTarget target;
    private final Ledger ledger;
    private final ColumnMapping mapping;
    private final FileMetrics metrics;
    private final CrashPoint crash;
    private KafkaProducer<byte[], byte[]> producer;

    public FileIngester(KafkaTarget target, javax.sql.DataSource db, ColumnMapping mapping, FileMetrics metrics) {
        this(target, new Ledger(db), mapping, metrics, CrashPoint.NONE);
    }

    FileIngester(KafkaTarget target, Ledger ledger, ColumnMapping mapping, FileMetrics metrics, CrashPoint crash) {
        this.target = target;
        this.ledger = ledger;
        this.mapping = mapping;
        this.metrics = metrics;
        this.crash = crash;
    }

    /** Checks that the ledger table exists, before the first file. */
    public void checkLedger() throws IngestUnavailable {
        try {
            ledger.check();
        } catch (SQLException e) {
            throw new IngestUnavailable("the ingest ledger (table ingest_file) is not usable: " + e.getMessage()
                    + " (the service creates it when it starts against this database)", e);
        }
    }

    /**
     * @throws IngestUnavailable Kafka or the database failed; the file stays where it is
     */
    public Outcome ingest(java.nio.file.Path path) throws IngestUnavailable {
        long started = System.nanoTime();
        Outcome outcome = take(path);
        metrics.file(outcome, System.nanoTime() - started);
        return outcome;
    }

    private Outcome take(java.nio.file.Path path) throws IngestUnavailable {
        String name = path.getFileName().toString();
        CdrFile file;
        String checksum;
        try {
            file = CdrFile.of(path, mapping);
            checksum = file.checksum();
        } catch (FileRejected e) {
            return Outcome.failed(e.getMessage());
        }
        Ledger.Claim claim;
        try {
            claim = ledger.claim(checksum, name);
        } catch (SQLException e) {
            throw new IngestUnavailable("cannot claim " + name + " in the ingest ledger: " + e.getMessage(), e);
        }
        if (claim instanceof Ledger.Claim.Taken taken) {
            return Outcome.duplicate("already ingested: the same content (sha-256 " + checksum + ") arrived as "
                    + taken.fileName() + (taken.at() == null ? "" : " and was taken at " + taken.at())
                    + "; nothing of this copy was sent");
        }
        if (claim instanceof Ledger.Claim.Interrupted) {
            producer(); // its init aborts the interrupted run's open transaction, if that was ours
            Outcome committed;
            try {
                committed = IngestMarkers.committed(target, checksum);
            } catch (KafkaException e) {
                throw new IngestUnavailable("cannot read the marker topic " + target.markerTopic() + ": " + e.getMessage(), e);
            }
            if (committed != null) {
                log.info("{} was sent before the last run stopped; recording it as done without sending it again", name);
                record(checksum, committed);
                return committed;
            }
            log.info("{} was being sent when the last run stopped and that transaction never committed: sending it again", name);
        }
        return send(file, name, checksum);
    }

    private Outcome send(CdrFile file, String name, String checksum) throws IngestUnavailable {
        Producer<byte[], byte[]> p = producer();
        long sent = 0;
        long rejected = 0;
        try {
            p.beginTransaction();
            DeadLetters deadLetters = new DeadLetters(p, target.deadLetterTopic());
            try (CdrFile.Rows rows = file.rows(checksum)) {
                Row row;
                long read = 0;
                while ((row = rows.next()) != null) {
                    if (row.accepted()) {
                        p.send(new ProducerRecord<>(target.eventsTopic(), row.key(), row.value()));
                        sent++;
                    } else {
                        deadLetters.add(null, row.original(), "file:" + name + ":" + row.line(), row.field(), row.reason());
                        rejected++;
                    }
                    read++;
                    if ((read & 1023) == 0) {
                        metrics.progress(read);
                    }
                    crash.afterRow(read);
                }
            }
            p.send(new ProducerRecord<>(target.markerTopic(), checksum.getBytes(StandardCharsets.UTF_8),
                    IngestMarkers.marker(name, sent, rejected)));
            deadLetters.flush();
            p.commitTransaction();
        } catch (FileRejected e) {
            abort();
            record(checksum, Outcome.failed(e.getMessage()));
            return Outcome.failed(e.getMessage());
        } catch (java.io.IOException e) {
            // closing the file failed after every row was read; nothing was committed
            abort();
            throw new IngestUnavailable("cannot close " + name + ": " + e.getMessage(), e);
        } catch (KafkaException | ExecutionException e) {
            abort();
            throw new IngestUnavailable("Kafka refused " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw new IngestUnavailable("interrupted while sending " + name, e);
        }
        crash.afterCommit();
        Outcome done = Outcome.done(sent, rejected);
        record(checksum, done);
        return done;
    }

    private void record(String checksum, Outcome outcome) throws IngestUnavailable {
        try {
            if (outcome.kind() == Outcome.Kind.FAILED) {
                ledger.failed(checksum, outcome.reason());
            } else {
                ledger.done(checksum, outcome.sent(), outcome.rejected());
            }
        } catch (SQLException e) {
            // Sent but not recorded: the row stays INGESTING, and the next run finds the marker.
            throw new IngestUnavailable("cannot record " + checksum + " in the ingest ledger: " + e.getMessage(), e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = IngestMarkers.producer(target);
        }
        return producer;
    }

    /** After a failed send the producer may be fenced or in an error state: the next file gets a new one. */
    private void abort() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("aborting the ingest transaction failed ({}); a new producer takes the next file", e.getMessage());
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
