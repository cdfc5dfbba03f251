package io.ringfence.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's internal error leaves its stack trace: a file in the temporary folder, named on stderr. */
final class InternalErrors {
    private InternalErrors() {
    }

    /** @return the file's path, or why it could not be written */
    static String write(String command, Throwable e) {
        try {
            Path file = Files.createTempFile("ringfence-" + command + "-error-", ".log");
            Files.writeString(file, Faults.stackTrace(e), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException | RuntimeException io) {
            return "nowhere (" + io + "); run again with --debug where the command has it";
        }
    }
}
