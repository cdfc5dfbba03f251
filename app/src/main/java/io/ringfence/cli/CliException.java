package io.ringfence.cli;

/**
 * A failure of the command itself (missing input, unwritable output, bad configuration). The
 * message is shown as one line, without a stack trace: it is meant for the operator, not a developer.
 */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
