package io.ringfence.detection;

import io.ringfence.upload.UploadRejection;

import java.util.List;

/** A rule set that does not compile; the messages are the Drools compiler's own. */
public class RuleSetCompilationException extends RuntimeException implements UploadRejection {
    private final List<String> messages;

    public RuleSetCompilationException(List<String> messages) {
        this("rule set does not compile", messages);
    }

    protected RuleSetCompilationException(String headline, List<String> messages) {
        super(headline + ":\n" + String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    @Override
    public List<String> messages() {
        return messages;
    }

    @Override
    public Reason reason() {
        return Reason.INVALID;
    }
}
