package io.ringfence.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines without decoding them and without ever
 * holding more than {@code maxLineBytes} of one line: a hostile multi-gigabyte line costs a scan,
 * not memory. It does its own block buffering (so the stream need not be buffered) and hands out a
 * line that lies inside one block as a view of that block, without copying.
 */
final class BoundedLineReader implements Closeable {
    private static final int BLOCK_BYTES = 256 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] block = new byte[BLOCK_BYTES];
    private int pos;
    private int limit;
    private byte[] spill = new byte[0];
    private int spillLength;

    private byte[] lineArray;
    private int lineOffset;
    private int lineLength;
    private long fullLength;
    private long lineNumber;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the stream. A last line without '\n' counts. */
    boolean next() throws IOException {
        spillLength = 0;
        fullLength = 0;
        boolean started = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!started) {
                    return false;
                }
                return emitSpill();
            }
            started = true;
            int nl = indexOfNewline(pos, limit);
            int end = nl < 0 ? limit : nl;
            int length = end - pos;
            if (nl >= 0 && fullLength == 0) {
                lineArray = block;
                lineOffset = pos;
                lineLength = Math.min(length, maxLineBytes);
                fullLength = length;
                pos = nl + 1;
                lineNumber++;
                return true;
            }
            keep(pos, length);
            fullLength += length;
            pos = end;
            if (nl >= 0) {
                pos = nl + 1;
                return emitSpill();
            }
        }
    }

    /** The bytes of the line (without '\n'), at most {@code maxLineBytes} of them. */
    byte[] array() {
        return lineArray;
    }

    int offset() {
        return lineOffset;
    }

    int length() {
        return lineLength;
    }

    /** The line's real length, which is more than {@link #length()} when it was cut. */
    long fullLength() {
        return fullLength;
    }

    boolean oversized() {
        return fullLength > maxLineBytes;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean emitSpill() {
        lineArray = spill;
        lineOffset = 0;
        lineLength = spillLength;
        lineNumber++;
        return true;
    }

    /** Copies what still fits under the limit; the rest of an oversized line is only counted. */
    private void keep(int from, int length) {
        int n = Math.min(length, maxLineBytes - spillLength);
        if (n <= 0) {
            return;
        }
        if (spill.length < spillLength + n) {
            byte[] bigger = new byte[Math.min(maxLineBytes, Math.max(spillLength + n, 2 * spill.length))];
            System.arraycopy(spill, 0, bigger, 0, spillLength);
            spill = bigger;
        }
        System.arraycopy(block, from, spill, spillLength, n);
        spillLength += n;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (block[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(block, 0, block.length);
        } while (n == 0);
        if (n < 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
