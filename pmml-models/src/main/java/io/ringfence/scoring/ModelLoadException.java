package io.ringfence.scoring;

/** A PMML document that cannot serve as the fraud-score model; the message says why, in the engine's words. */
public final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
