package io.ringfence.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body, read whole at the edge (it is bounded, {@code ringfence.web.max-json-body}) and looked at
 * before any controller copies a value out of it. JSON between systems is UTF-8 (RFC 8259), and what it may carry
 * that the stores cannot is refused here rather than found by PostgreSQL: a NUL character ({@code \u0000}, which no
 * text column holds: the insert failed with a 500 after the call was half done) and half of a surrogate pair (which
 * the driver silently turned into '?').
 */
final class JsonBodies {
    private JsonBodies() {
    }

    /** The body ran past the limit. */
    static final class TooLong extends IOException {
        TooLong(long limit) {
            super("the body is longer than " + limit + " bytes");
        }
    }

    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            if (out.size() + n > limit) {
                throw new TooLong(limit);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** @return why the body is refused, or null */
    static String refusal(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return "a JSON body must be UTF-8 text (RFC 8259); this one holds bytes that are not";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "the JSON body holds a NUL character";
            }
            if (c != '\\' || i + 1 >= text.length()) {
                continue;
            }
            if (text.charAt(i + 1) != 'u') {
                i++; // an escaped character, '\\' included: what follows it starts afresh
                continue;
            }
            int code = hex(text, i + 2);
            if (code == 0) {
                return "the JSON body holds a NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate((char) code) && text.startsWith("\\u", i + 6)
                    && Character.isLowSurrogate((char) hex(text, i + 8))) {
                i += 11;
            } else if (code >= 0 && Character.isSurrogate((char) code)) {
                return "the JSON body holds half of a surrogate pair (\\u" + text.substring(i + 2, i + 6)
                        + "), which is no character";
            } else {
                i += 5;
            }
        }
        return null;
    }

    /** The four hex digits at {@code at}, or -1. */
    private static int hex(String s, int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The request with its body already read: the handler reads the same bytes. */
    static HttpServletRequest replay(HttpServletRequest request, byte[] body) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                ByteArrayInputStream in = new ByteArrayInputStream(body);
                return new ServletInputStream() {
                    @Override
                    public int read() {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("the body was read at the edge");
                    }
                };
            }

            @Override
            public BufferedReader getReader() {
                return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
            }

            @Override
            public int getContentLength() {
                return body.length;
            }

            @Override
            public long getContentLengthLong() {
                return body.length;
            }
        };
    }
}
