package io.ringfence.mediation;

/**
 * Kafka or PostgreSQL failed while a file was being taken: not the file's fault, so it stays in the drop
 * folder and is taken again when they are back (without duplicates: see {@link FileIngester}).
 */
public final class IngestUnavailable extends Exception {
    IngestUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
