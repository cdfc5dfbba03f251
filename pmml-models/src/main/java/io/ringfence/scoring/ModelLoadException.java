package io.ringfence.scoring;

import io.ringfence.upload.UploadRejection;

import java.util.List;

/** A PMML document that cannot serve as the fraud-score model; the message says why, in the engine's words. */
public final class ModelLoadException extends RuntimeException implements UploadRejection {
    private final Reason reason;

    public ModelLoadException(String message) {
        this(Reason.INVALID, message);
    }

    public ModelLoadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.INVALID;
    }

    @Override
    public Reason reason() {
        return reason;
    }

    @Override
    public List<String> messages() {
        return List.of(getMessage());
    }
}
