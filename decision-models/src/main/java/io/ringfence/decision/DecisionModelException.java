package io.ringfence.decision;

import java.util.List;

/** A decision model that does not compile or cannot be evaluated; the messages are the engine's. */
public final class DecisionModelException extends RuntimeException {
    private final List<String> messages;

    public DecisionModelException(String summary, List<String> messages) {
        super(messages.isEmpty() ? summary : summary + ": " + String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
