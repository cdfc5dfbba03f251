package io.ringfence.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as bytes, built the way a hostile client builds it: nothing is encoded, checked or framed for the
 * caller beyond a {@code Content-Length} that matches the body (unless {@link #framedByHand}), the {@code Host}
 * (unless {@link #noHost}) and {@code Connection: close}.
 */
final class RawRequest {
    String method;
    String target;
    String version = "HTTP/1.1";
    final List<String[]> headers = new ArrayList<>();
    byte[] body;
    boolean framedByHand;
    boolean noHost;
    /** Raw bytes for the request target, when it must hold bytes that are not ISO-8859-1 text. */
    byte[] rawTarget;
    /** What was done to the request, for a failure's message. */
    String what = "well-formed";

    RawRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    RawRequest header(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        headers.add(new String[]{name, value});
        return this;
    }

    RawRequest addHeader(String name, String value) {
        headers.add(new String[]{name, value});
        return this;
    }

    RawRequest body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest body(String contentType, byte[] bytes) {
        if (contentType == null) {
            headers.removeIf(h -> h[0].equalsIgnoreCase("Content-Type"));
        } else {
            header("Content-Type", contentType);
        }
        body = bytes;
        return this;
    }

    String headerValue(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    /** Query parameter appended to the target, already encoded by the caller (or not, as it chooses). */
    RawRequest query(String encoded) {
        target = target + (target.contains("?") ? "&" : "?") + encoded;
        return this;
    }

    RawRequest what(String what) {
        this.what = what;
        return this;
    }

    byte[] bytes(int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(latin1(method + " "));
        out.writeBytes(rawTarget != null ? rawTarget : latin1(target));
        out.writeBytes(latin1((version.isEmpty() ? "" : " " + version) + "\r\n"));
        if (!noHost) {
            out.writeBytes(latin1("Host: 127.0.0.1:" + port + "\r\n"));
        }
        for (String[] h : headers) {
            out.writeBytes((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!framedByHand) {
            out.writeBytes(latin1("Content-Length: " + (body == null ? 0 : body.length) + "\r\n"));
        }
        out.writeBytes(latin1("Connection: close\r\n\r\n"));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request line as a failure message shows it, control characters escaped, long values cut. */
    String describe() {
        String line = method + " " + (rawTarget != null ? "(raw bytes) " : "") + target;
        return Text.printable(line) + " [" + Text.printable(what) + "]";
    }
}
