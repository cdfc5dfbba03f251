package io.ringfence.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 check before JSON parsing. Jackson's own decoding is lenient in places (overlong
 * forms, encoded surrogates), and NUL bytes at the start make it guess UTF-16 or UTF-32. A raw NUL
 * is never valid JSON text, so refusing it up front loses nothing.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Null when the bytes are strict UTF-8 without NUL bytes, else the problem. */
    static String problem(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        // Most lines are ASCII: one pass, no decoder.
        while (i < end && buf[i] > 0) {
            i++;
        }
        if (i == end) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(buf, i, end - i);
        CharBuffer out = CharBuffer.allocate(Math.min(end - i, 4096));
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return "invalid UTF-8 at offset " + (in.position() - off);
            }
            if (r.isUnderflow()) {
                break;
            }
            out.clear();
        }
        for (int k = i; k < end; k++) {
            if (buf[k] == 0) {
                return "NUL byte at offset " + (k - off);
            }
        }
        return null;
    }
}
