package io.ringfence.detection;

import java.util.List;

/** A rule set that does not compile; the messages are the Drools compiler's own. */
public class RuleSetCompilationException extends RuntimeException {
    private final List<String> messages;

    public RuleSetCompilationException(List<String> messages) {
        super("rule set does not compile:\n" + String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
