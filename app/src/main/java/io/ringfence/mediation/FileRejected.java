package io.ringfence.mediation;

/**
 * A file that cannot be taken at all (unreadable, corrupt gzip, unknown format, a CSV without a usable
 * mapping): it goes to failed/ with this message as its reason, and nothing of it reaches Kafka.
 */
public final class FileRejected extends Exception {
    public FileRejected(String reason, Throwable cause) {
        super(reason, cause);
    }

    public FileRejected(String reason) {
        super(reason);
    }
}
