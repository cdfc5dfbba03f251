package io.ringfence.mediation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator watches of the file ingest at {@code /actuator/prometheus}: files by outcome, rows sent
 * and rejected, the rows read of the file in progress, the files waiting, and the time per file.
 */
public final class FileMetrics {
    private final MeterRegistry registry;
    private final Counter rowsSent;
    private final Counter rowsRejected;
    private final Timer fileTime;
    private final AtomicLong currentRows = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();

    public FileMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rowsSent = Counter.builder("ringfence.ingest.rows").tag("outcome", "sent")
                .description("CDR file rows produced to the events topic").register(registry);
        this.rowsRejected = Counter.builder("ringfence.ingest.rows").tag("outcome", "rejected")
                .description("CDR file rows sent to the dead-letter topic").register(registry);
        this.fileTime = Timer.builder("ringfence.ingest.file.duration").description("taking one file, checksum to move")
                .register(registry);
        registry.gauge("ringfence.ingest.file.progress.rows", currentRows);
        registry.gauge("ringfence.ingest.files.waiting", waiting);
        for (Outcome.Kind k : Outcome.Kind.values()) {
            files(k); // every outcome at 0 from the start, so a rate() has a series before the first failure
        }
    }

    private Counter files(Outcome.Kind kind) {
        return Counter.builder("ringfence.ingest.files").tag("outcome", kind.name().toLowerCase(java.util.Locale.ROOT))
                .description("CDR files taken, by outcome").register(registry);
    }

    void progress(long rowsRead) {
        currentRows.set(rowsRead);
    }

    void waiting(long files) {
        waiting.set(files);
    }

    void file(Outcome outcome, long nanos) {
        files(outcome.kind()).increment();
        if (outcome.kind() == Outcome.Kind.DONE) {
            rowsSent.increment(outcome.sent());
            rowsRejected.increment(outcome.rejected());
        }
        fileTime.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        currentRows.set(0);
    }
}
