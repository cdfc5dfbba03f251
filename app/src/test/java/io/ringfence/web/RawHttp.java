package io.ringfence.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the caller wrote it: what {@link java.net.http.HttpClient} refuses
 * to send (control characters in header values, a malformed request line, overlong UTF-8 in the path, two
 * {@code Content-Length}s) is exactly what a hostile client sends. One request per connection
 * ({@code Connection: close} is the caller's to add), read to the end of the answer.
 */
final class RawHttp {
    private RawHttp() {
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Thrown when the service sent no complete answer within the bound, or none at all. */
    static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param request   the request's bytes: request line, headers, blank line and body
     * @param timeoutMs how long the service may stay silent before the call counts as hanging
     */
    static Answer send(int port, byte[] request, int timeoutMs) throws NoAnswer {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The service may answer and close before reading all of a body it refuses: read what it said.
            }
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new NoAnswer("no answer within " + timeoutMs + " ms", e);
        } catch (IOException e) {
            throw new NoAnswer("no answer: " + e, e);
        }
    }

    /**
     * For a request line without a version: HTTP/0.9, which Tomcat still speaks, answers with the body alone (no
     * status line, no headers). The status is then read from the body when it is a problem; a body that is not one
     * comes back as a 200 without a type, so that the caller's checks judge it like any other answer.
     */
    static Answer sendHttp09(int port, byte[] request, int timeoutMs) throws NoAnswer {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMs);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // as in send: read whatever was said
            }
            byte[] bytes = socket.getInputStream().readAllBytes();
            if (bytes.length == 0) {
                throw new NoAnswer("the connection closed without an answer", null);
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            if (body.startsWith("HTTP/")) {
                return read(new BufferedInputStream(new java.io.ByteArrayInputStream(bytes)));
            }
            Matcher status = PROBLEM_STATUS.matcher(body);
            return status.find()
                    ? new Answer(Integer.parseInt(status.group(1)), Map.of("content-type", "application/problem+json"), body)
                    : new Answer(200, Map.of(), body);
        } catch (SocketTimeoutException e) {
            throw new NoAnswer("no answer within " + timeoutMs + " ms", e);
        } catch (IOException e) {
            throw new NoAnswer("no answer: " + e, e);
        }
    }

    /** The status member of a problem+json body (RFC 9457), as the service writes it. */
    private static final Pattern PROBLEM_STATUS = Pattern.compile("^\\{.*\"status\"\\s*:\\s*(\\d{3})\\b", Pattern.DOTALL);

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new NoAnswer("the connection closed without an answer", null);
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new NoAnswer("not a status line: " + statusLine, null);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new NoAnswer("the answer ended inside a chunk", null);
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One CRLF-ended line as ISO-8859-1, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
