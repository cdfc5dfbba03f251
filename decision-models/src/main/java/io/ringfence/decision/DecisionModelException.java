package io.ringfence.decision;

import io.ringfence.upload.UploadRejection;

import java.util.List;

/**
 * A decision model that was refused, does not compile or cannot be evaluated; the messages are the engine's or
 * the upload check's. {@link #reason()} tells an API how to answer an upload (too large, not allowed, invalid).
 */
public final class DecisionModelException extends RuntimeException implements UploadRejection {
    private final Reason reason;
    private final List<String> messages;

    public DecisionModelException(String summary, List<String> messages) {
        this(Reason.INVALID, summary, messages);
    }

    public DecisionModelException(Reason reason, String summary, List<String> messages) {
        super(messages.isEmpty() ? summary : summary + ": " + String.join("; ", messages));
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
