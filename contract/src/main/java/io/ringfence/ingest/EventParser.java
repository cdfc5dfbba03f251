package io.ringfence.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON Lines record of the telecom-events contract into a typed event, or says why not.
 * It never throws: every input, however hostile, gives a {@link ParseResult}. Thread-safe; one
 * instance can serve all consumers.
 *
 * <p>Checks run cheapest first: byte length, then strict UTF-8, then the JSON structure with
 * Jackson's streaming parser, then the fields of the event's type.
 */
public final class EventParser {
    private final int maxLineBytes;

    public EventParser() {
        this(EventLimits.MAX_LINE_BYTES);
    }

    /** @param maxLineBytes longest accepted line in bytes, a trailing newline included if passed */
    public EventParser(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    public ParseResult parse(byte[] line) {
        return line == null ? rejected("no input") : parse(line, 0, line.length);
    }

    /** Parses {@code len} bytes at {@code off}, e.g. one line of a larger read buffer. */
    public ParseResult parse(byte[] buf, int off, int len) {
        if (buf == null) {
            return rejected("no input");
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            return rejected("bad offset or length");
        }
        if (len > maxLineBytes) {
            return rejected("line is " + len + " bytes, over the limit of " + maxLineBytes);
        }
        try {
            String encodingProblem = Utf8.problem(buf, off, len);
            if (encodingProblem != null) {
                return rejected(encodingProblem);
            }
            return new ParseResult.Accepted(EventReaders.read(ObjectReader.read(buf, off, len)));
        } catch (FieldException e) {
            return e.toRejected();
        } catch (RuntimeException e) {
            // A bug of ours must not stop the stream either; the line goes to the dead letters.
            return rejected("internal parser error: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Convenience for tests and tools. A String can hold an unpaired surrogate that no UTF-8 line
     * can, so that is refused rather than silently replaced.
     */
    public ParseResult parse(String line) {
        if (line == null) {
            return rejected("no input");
        }
        // A char is at least one UTF-8 byte: a String this long cannot fit.
        if (line.length() > maxLineBytes) {
            return rejected("line is over " + maxLineBytes + " bytes");
        }
        if (Syntax.hasUnpairedSurrogate(line)) {
            return rejected("line contains an unpaired UTF-16 surrogate");
        }
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }

    private static ParseResult rejected(String reason) {
        return new ParseResult.Rejected(null, reason);
    }
}
