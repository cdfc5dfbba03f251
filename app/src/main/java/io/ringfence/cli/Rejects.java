package io.ringfence.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.ringfence.ingest.ParseResult;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where replay puts the lines it cannot read. With a rejects file, each one is written there with
 * its original bytes; without one, the count and the first few reasons are kept for stderr, so a
 * bad line is never dropped without a word.
 */
final class Rejects {
    static final int RAW_LIMIT_BYTES = 64 * 1024;
    private static final int SAMPLE_SIZE = 5;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final OutputStream out;
    private final List<String> sample = new ArrayList<>();
    private long count;

    /** @param out the rejects file, or null to report only a count and a sample */
    Rejects(OutputStream out) {
        this.out = out;
    }

    void add(long lineNumber, ParseResult.Rejected why, byte[] buf, int off, int len, long fullLength)
            throws IOException {
        add(lineNumber, why, null, buf, off, len, fullLength);
    }

    /** @param fault for an accepted event that a stage threw on (its stage and rule are written too), or null */
    void add(long lineNumber, ParseResult.Rejected why, io.ringfence.pipeline.EventFault fault, byte[] buf, int off,
             int len, long fullLength) throws IOException {
        count++;
        if (sample.size() < SAMPLE_SIZE) {
            sample.add("line " + lineNumber + ": " + why.describe());
        }
        if (out == null) {
            return;
        }
        int kept = len;
        boolean truncated = fullLength > len;
        if (kept > RAW_LIMIT_BYTES) {
            kept = RAW_LIMIT_BYTES;
            truncated = true;
        }
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("line", lineNumber);
            g.writeStringField("field", why.field());
            g.writeStringField("reason", why.reason());
            if (fault != null) {
                g.writeStringField("stage", fault.stage().name());
                g.writeStringField("rule", fault.ruleId());
            }
            String text = truncated ? utf8(buf, off, utf8Boundary(buf, off, kept)) : utf8(buf, off, kept);
            if (text != null) {
                g.writeStringField("raw", text);
            } else {
                g.writeStringField("rawBase64", Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(buf, off, off + kept)));
            }
            if (truncated) {
                g.writeBooleanField("truncated", true);
                g.writeNumberField("bytes", fullLength);
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    long count() {
        return count;
    }

    /** The first few reasons, each with its line number. */
    List<String> sample() {
        return List.copyOf(sample);
    }

    /** Null when the bytes are not strict UTF-8: the caller then keeps them as base64. */
    private static String utf8(byte[] buf, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Backs off a cut that split a multi-byte character, so a valid line stays valid text. Only the
     * kept bytes are looked at: the reader may not have the ones after the cut.
     */
    private static int utf8Boundary(byte[] buf, int off, int len) {
        int i = len - 1;
        for (int back = 0; i >= 0 && back < 3 && (buf[off + i] & 0xC0) == 0x80; back++) {
            i--;
        }
        if (i < 0) {
            return len;
        }
        int lead = buf[off + i] & 0xFF;
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return len - i < need ? i : len;
    }
}
