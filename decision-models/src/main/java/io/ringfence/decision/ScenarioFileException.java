package io.ringfence.decision;

import io.ringfence.upload.UploadRejection;

import java.util.List;

/** A scenario file that cannot be read; each message names its line. */
public final class ScenarioFileException extends RuntimeException implements UploadRejection {
    private final Reason reason;
    private final List<String> messages;

    ScenarioFileException(Reason reason, List<String> messages) {
        super("the scenario file cannot be read: " + String.join("; ", messages));
        this.reason = reason;
        this.messages = List.copyOf(messages);
    }

    @Override
    public Reason reason() {
        return reason;
    }

    @Override
    public List<String> messages() {
        return messages;
    }
}
