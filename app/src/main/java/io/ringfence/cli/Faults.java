package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.pipeline.EventFault;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack traces of the events replay set aside after an internal error: the rejects file has one line
 * each, this keeps the whole trace for whoever reports or fixes it. They go to a file created on the first
 * fault and named in the summary, and to stderr as well with {@code --debug}.
 */
final class Faults implements AutoCloseable {
    private final Path file;
    private final PrintWriter debug;
    private final List<String> sample = new ArrayList<>();
    private Writer out;
    private long count;

    /** @param file where the traces go (created on the first fault); @param debug stderr for --debug, or null */
    Faults(Path file, PrintWriter debug) {
        this.file = file;
        this.debug = debug;
    }

    void record(long lineNumber, EventFault fault) {
        count++;
        if (sample.size() < 5) {
            sample.add("line " + lineNumber + ": " + fault.reason());
        }
        write("line " + lineNumber + ": set aside: ", fault);
    }

    /** An event of the file's history that threw again while the stages were rebuilt. */
    void recordInRebuild(EventFault fault) {
        count++;
        write("while rebuilding, left out too: ", fault);
    }

    long count() {
        return count;
    }

    List<String> sample() {
        return List.copyOf(sample);
    }

    /** The file holding the traces, or null if there was no fault. */
    Path file() {
        return out == null ? null : file;
    }

    private void write(String heading, EventFault fault) {
        String trace = heading + stackTrace(fault);
        if (debug != null) {
            debug.print(trace);
            debug.flush();
        }
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            out.write(trace);
            out.flush();
        } catch (IOException e) {
            throw new CliException("cannot write the stack traces file " + file + ": " + IoMessages.reason(e), e);
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
