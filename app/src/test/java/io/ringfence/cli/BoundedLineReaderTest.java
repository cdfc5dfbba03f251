package io.ringfence.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLineReaderTest {

    /** Hands out at most three bytes per read, so every line spans several blocks. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    private static List<String> lines(InputStream in, int max) throws IOException {
        List<String> out = new ArrayList<>();
        BoundedLineReader r = new BoundedLineReader(in, max);
        while (r.next()) {
            String text = new String(Arrays.copyOfRange(r.array(), r.offset(), r.offset() + r.length()),
                    StandardCharsets.UTF_8);
            out.add(r.lineNumber() + ":" + text + (r.oversized() ? "/" + r.fullLength() : ""));
        }
        return out;
    }

    @Test
    void splitsLinesKeepingEmptyOnesAndALastLineWithoutNewline() throws IOException {
        byte[] data = "alpha\n\nbeta\ngamma".getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("1:alpha", "2:", "3:beta", "4:gamma");
        assertThat(lines(new ByteArrayInputStream(data), 100)).containsExactlyElementsOf(expected);
        assertThat(lines(trickle(data), 100)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFinalNewlineDoesNotMakeAnExtraLine() throws IOException {
        assertThat(lines(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), 10))
                .containsExactly("1:a", "2:b");
        assertThat(lines(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
    }

    @Test
    void anOversizedLineKeepsOnlyItsHeadAndTheNextLineIsIntact() throws IOException {
        byte[] data = "short\n0123456789ABCDEF\nnext".getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("1:short", "2:01234567/16", "3:next");
        assertThat(lines(new ByteArrayInputStream(data), 8)).containsExactlyElementsOf(expected);
        assertThat(lines(trickle(data), 8)).containsExactlyElementsOf(expected);
    }

    @Test
    void aLineOfExactlyTheLimitIsNotOversized() throws IOException {
        assertThat(lines(trickle("12345678\n".getBytes(StandardCharsets.UTF_8)), 8)).containsExactly("1:12345678");
    }
}
