package io.ringfence.audit;

/** The store could not be read or written: the batch's transaction must roll back. */
public class AuditStoreException extends RuntimeException {
    public AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
