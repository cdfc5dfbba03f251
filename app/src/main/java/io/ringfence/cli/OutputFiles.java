package io.ringfence.cli;

import io.ringfence.config.IoMessages;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output files of the command-line tools, refused with one line naming the file and the reason. */
public final class OutputFiles {
    private static final int OUT_BUFFER = 1 << 16;

    private OutputFiles() {
    }

    /** Checked without creating the file, so a bad configuration found later leaves old results alone. */
    public static void requireWritable(Path file, String what) {
        Path parent = file.toAbsolutePath().getParent();
        String problem = null;
        if (Files.isDirectory(file)) {
            problem = "it is a folder";
        } else if (parent == null || !Files.isDirectory(parent)) {
            problem = "folder " + parent + " does not exist";
        } else if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            problem = "permission denied";
        }
        if (problem != null) {
            throw new CliException("cannot write " + what + " " + file + ": " + problem);
        }
    }

    public static OutputStream create(Path file, String what) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), OUT_BUFFER);
        } catch (IOException e) {
            throw new CliException("cannot write " + what + " " + file + ": " + IoMessages.reason(e), e);
        }
    }
}
