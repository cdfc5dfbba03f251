package io.ringfence.config;

/** Replay or the service cannot start: bad rule parameters, reference data or network profile. */
public class SetupException extends RuntimeException {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
