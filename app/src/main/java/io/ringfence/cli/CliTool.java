package io.ringfence.cli;

/**
 * A command that another artifact adds to {@code ringfence} (the demo adds {@code loadtest}), found
 * with {@link java.util.ServiceLoader}: the service's own jar then carries no tool it does not need.
 */
public interface CliTool {
    /** The word that runs it: {@code java -jar ringfence.jar NAME ...}. */
    String name();

    /** A new picocli command object. */
    Object command();
}
