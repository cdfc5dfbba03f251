package io.ringfence.reference;

/** Reference data that cannot be loaded; the message names the file, line and problem. */
public class ReferenceDataException extends RuntimeException {
    public ReferenceDataException(String message) {
        super(message);
    }

    public ReferenceDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
