package io.ringfence.web;

import io.ringfence.web.ApiOperations.Operation;
import io.ringfence.web.ApiOperations.Parameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The ways a hostile client spoils a well-formed request, one way per request. Each picks its details with the
 * suite's seeded random, so a failure names a request that the next run sends again.
 */
final class Spoilers {
    /** Code points that have fooled parsers, logs and databases: NUL, a lone surrogate, right-to-left override... */
    private static final List<String> TRICKY_TEXT = List.of("a\u0000b", "\ud800", "x\udc00y", "\u202e1337", "\ufeff+447700900001",
            "\u200d", "\u2028\u2029", "e\u0301", "\uffff", "\ud83d\ude00", "\u0007\u001b[31m", "<script>", "'; DROP TABLE x; --");
    /** Percent-encoded bytes: NUL, overlong '/' and '.', a lone surrogate in UTF-8, invalid bytes, RTL override. */
    private static final List<String> TRICKY_ESCAPES = List.of("%00", "%C0%AF", "%C0%AE%C0%AE", "%ED%A0%80", "%FF%FE",
            "%E2%80%AE", "%F4%90%80%80", "%", "%zz", "%25", "%0d%0aX-Injected:%201", "%u0041");
    private static final List<String> TRAVERSALS = List.of("..%2f..%2factuator", "%2e%2e%2f%2e%2e", "..", ".", "%00", "..;",
            "%252e%252e%252f", "%20", "%2F", "..%5c..%5c", "%C0%AE%C0%AE%C0%AF", "a;jsessionid=1", "~root", "%09",
            "00000000-0000-0000-0000-000000000000%00", "-1", "1e309", "null", "*");
    private static final List<String> PAGING = List.of("-1", "0", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "1e9", "0x10", "NaN", "", "1.5", "%2B1", "99999999999999999999999");
    private static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "*/json", "text/plain", "",
            "application/json; charset=x-unknown", "application/json; charset=UTF-7", "multipart/form-data",
            "application/x-www-form-urlencoded", ";;", "application/json;charset=\"", "application/octet-stream",
            "text/csv", "application/xml", "application/problem+json", "image/png", "application/json, text/csv",
            "application/vnd.ringfence+json", "application", "/", "application/json; q=0");
    private static final List<String> ACCEPTS = List.of("*/*;q=0", "application/*", "text/html", "image/png", "garbage",
            "application/json;q=abc", "text/csv", "application/x-ndjson", "", "*/*, */*;q=0", "application/problem+xml",
            "text/*", "application/json;q=0", ";", "application/json;charset=x-unknown");
    private static final List<String> CONTROL_CHARS = List.of("\u0001", "\u0000", "\u007f", "\u000b", "\u000c", "\u001b",
            "\r", "\u0008");
    private static final List<String> HEADERS = List.of("Accept", "Content-Type", "User-Agent", "Authorization", "Origin",
            "Sec-Fetch-Site", "X-Forwarded-For", "X-Request-Id", "Accept-Language", "Referer", "Cookie");

    private static final String MARKER = "fuzz-marker-2008";

    private final Random random;

    Spoilers(Random random) {
        this.random = random;
    }

    /** The ways, in the order the suite cycles through them. */
    List<Spoiler> all() {
        return List.of(this::none, this::wrongType, this::huge, this::deep, this::trickyBodyText, this::trickyEscapes,
                this::controlInHeader, this::headerInjection, this::pathTraversal, this::paging, this::contentType,
                this::accept, this::requestLine, this::brokenBody, this::queryTricks);
    }

    interface Spoiler {
        void spoil(Operation op, RawRequest r);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private void none(Operation op, RawRequest r) {
        r.what("well-formed");
    }

    private void wrongType(Operation op, RawRequest r) {
        String wrong = pick(List.of("abc", "1.5", "true", "[]", "{}", "2026-13-45T99:00:00Z", "P-1D", "%2B", "-0",
                "1e400", "null", "00000000-0000-0000-0000-00000000000g"));
        if (isJson(r) && random.nextBoolean()) {
            String literal = pick(List.of("[1,2]", "{\"x\":1}", "true", "\"text\"", "123456789012345678901234567890",
                    "-1", "null", "1e400", "\"2026-13-45T99:00:00Z\"", "\"\"", "[]"));
            r.body(r.headerValue("Content-Type"), withValue(r, literal)).what("wrong type in the body: " + literal);
            return;
        }
        List<Parameter> params = op.in("query");
        if (params.isEmpty()) {
            r.query("page=" + wrong).what("wrong type: page=" + wrong);
            return;
        }
        Parameter p = pick(params);
        r.target = r.target.replaceAll("([?&])" + p.name() + "=[^&]*", "$1");
        r.query(p.name() + "=" + wrong).what("wrong type: " + p.name() + "=" + wrong);
    }

    private void huge(Operation op, RawRequest r) {
        int which = random.nextInt(3);
        if (which == 0 || op.bodyTypes().isEmpty() && which == 1) {
            // Over Tomcat's 8 KiB of request line and headers, or just under it.
            int n = random.nextBoolean() ? 7_000 : 100_000;
            r.query("subscriber=" + "4".repeat(n)).what("query of " + n + " characters");
            return;
        }
        String mega = "4".repeat(1 << 20);
        if (which == 1 && isJson(r)) {
            r.body(r.headerValue("Content-Type"), withValue(r, "\"" + mega + "\"")).what("a 1 MiB string in the JSON body");
        } else if (which == 1) {
            r.body(r.headerValue("Content-Type"), new String(r.body, StandardCharsets.UTF_8) + mega).what("a 1 MiB body");
        } else {
            r.header("X-Fuzz", "4".repeat(random.nextBoolean() ? 7_900 : 70_000)).what("one huge header");
        }
    }

    private void deep(Operation op, RawRequest r) {
        int depth = pick(List.of(1_001, 5_000, 20_000));
        String type = op.bodyTypes().isEmpty() ? "application/json" : op.bodyTypes().get(0);
        String body;
        if (type.contains("xml")) {
            body = "<a>".repeat(depth) + "</a>".repeat(depth);
        } else if (random.nextBoolean()) {
            body = "[".repeat(depth) + "]".repeat(depth);
        } else {
            body = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }
        r.body(type.contains("csv") ? "application/json" : type, body).what("nested " + depth + " deep as " + type);
    }

    private void trickyBodyText(Operation op, RawRequest r) {
        String tricky = pick(TRICKY_TEXT);
        if (isJson(r)) {
            String escaped = escapeForJson(tricky, random.nextBoolean());
            r.body(r.headerValue("Content-Type"), withValue(r, "\"" + escaped + "\"")).what("tricky text in the body: " + escaped);
        } else if (r.body != null) {
            r.body(r.headerValue("Content-Type"), new String(r.body, StandardCharsets.UTF_8).replace("seen", tricky))
                    .what("tricky text in the body");
        } else {
            overlongBytes(op, r);
        }
    }

    /** Overlong UTF-8 and invalid bytes, sent raw in the body or in the request target. */
    private void overlongBytes(Operation op, RawRequest r) {
        byte[] bad = pick(List.of(new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAE}, new byte[]{0}));
        byte[] target = (r.target + (r.target.contains("?") ? "&" : "?") + "subscriber=").getBytes(StandardCharsets.ISO_8859_1);
        byte[] raw = new byte[target.length + bad.length];
        System.arraycopy(target, 0, raw, 0, target.length);
        System.arraycopy(bad, 0, raw, target.length, bad.length);
        r.rawTarget = raw;
        r.what("raw bytes " + hex(bad) + " in the request target");
    }

    private void trickyEscapes(Operation op, RawRequest r) {
        String escape = pick(TRICKY_ESCAPES);
        List<Parameter> params = op.in("query");
        String name = params.isEmpty() ? "subscriber" : pick(params).name();
        r.query(name + "=%2B44" + escape + "7700").what("escape " + escape + " in " + name);
        if (random.nextInt(4) == 0 && r.body != null) {
            overlongBytesInBody(r);
        }
    }

    private void overlongBytesInBody(RawRequest r) {
        byte[] body = r.body;
        byte[] spoiled = new byte[body.length + 2];
        int at = Math.max(0, new String(body, StandardCharsets.ISO_8859_1).indexOf('"', 2) + 1);
        System.arraycopy(body, 0, spoiled, 0, at);
        spoiled[at] = (byte) 0xC0;
        spoiled[at + 1] = (byte) 0xAF;
        System.arraycopy(body, at, spoiled, at + 2, body.length - at);
        r.body(r.headerValue("Content-Type"), spoiled).what(r.what + ", and overlong UTF-8 bytes in the body");
    }

    private void controlInHeader(Operation op, RawRequest r) {
        String header = pick(HEADERS);
        String control = pick(CONTROL_CHARS);
        String existing = r.headerValue(header);
        String value = (existing == null ? header.equals("Accept") ? "application/json" : "fuzz" : existing) + control + "x";
        r.header(header, value).what("control character " + Text.printable(control) + " in " + header);
    }

    private void headerInjection(Operation op, RawRequest r) {
        switch (random.nextInt(9)) {
            case 0 -> r.header("X-Fuzz", "a\r\nX-Injected: 1").what("CRLF inside a header value");
            case 1 -> r.header("X-Fuzz", "a\nX-Injected: 1").what("a bare LF inside a header value");
            case 2 -> r.header("X-Fuzz", "a\r\n folded").what("an obsolete folded header");
            case 3 -> r.addHeader("Bad Header", "1").what("a space in a header name");
            case 4 -> {
                r.noHost = true;
                r.what("no Host");
            }
            case 5 -> r.addHeader("Host", "evil.example").what("two Hosts");
            case 6 -> {
                r.framedByHand = true;
                int n = r.body == null ? 0 : r.body.length;
                r.addHeader("Content-Length", String.valueOf(n)).addHeader("Content-Length", String.valueOf(n + 5))
                        .what("two Content-Lengths");
            }
            case 7 -> {
                r.framedByHand = true;
                r.addHeader("Content-Length", "4").addHeader("Transfer-Encoding", "chunked")
                        .body(r.headerValue("Content-Type"), "0\r\n\r\nGET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n")
                        .what("Content-Length and chunked together (request smuggling)");
            }
            default -> {
                r.framedByHand = true;
                r.addHeader("Content-Length", pick(List.of("-1", "abc", "99999999999999999999", " 1")))
                        .what("a malformed Content-Length");
            }
        }
    }

    private void pathTraversal(Operation op, RawRequest r) {
        String odd = random.nextInt(5) == 0 ? "a".repeat(pick(List.of(300, 5_000, 9_000))) : pick(TRAVERSALS);
        List<Parameter> vars = op.in("path");
        if (vars.isEmpty()) {
            r.target = op.path() + "/" + odd + query(r.target);
        } else {
            // The well-formed values hold no '/', so the target's segments line up with the template's.
            String variable = "{" + pick(vars).name() + "}";
            String[] template = op.path().split("/");
            String[] segments = r.target.split("\\?", 2)[0].split("/");
            for (int i = 0; i < template.length && i < segments.length; i++) {
                if (template[i].equals(variable)) {
                    segments[i] = odd;
                }
            }
            r.target = String.join("/", segments) + query(r.target);
        }
        r.what("odd path segment " + (odd.length() > 40 ? odd.length() + " characters" : odd));
    }

    private static String query(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q);
    }

    private void paging(Operation op, RawRequest r) {
        String page = pick(PAGING);
        String size = pick(PAGING);
        r.target = r.target.replaceAll("([?&])(page|size|limit|offset)=[^&]*", "$1");
        List<String> names = op.in("query").stream().map(Parameter::name)
                .filter(n -> List.of("page", "size", "limit", "offset").contains(n)).toList();
        String first = names.isEmpty() ? "page" : names.get(0);
        String second = names.size() > 1 ? names.get(1) : "size";
        r.query(first + "=" + page).query(second + "=" + size).what("paging " + first + "=" + page + " " + second + "=" + size);
    }

    private void contentType(Operation op, RawRequest r) {
        String type = pick(CONTENT_TYPES);
        byte[] body = r.body != null ? r.body : "{\"note\":\"fuzz\"}".getBytes(StandardCharsets.UTF_8);
        r.body(type, body).what("Content-Type '" + type + "'");
    }

    private void accept(Operation op, RawRequest r) {
        String accept = pick(ACCEPTS);
        r.header("Accept", accept).what("Accept '" + accept + "'");
    }

    private void requestLine(Operation op, RawRequest r) {
        switch (random.nextInt(10)) {
            case 0 -> r.method = r.method.toLowerCase(java.util.Locale.ROOT);
            case 1 -> r.method = pick(List.of("FOO", "PROPFIND", "TRACE", "CONNECT", "PATCH", "G\u0000ET", "GET GET"));
            case 2 -> r.version = pick(List.of("HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1 x", "", "http/1.1"));
            case 3 -> r.target = "http://evil.example" + r.target;
            case 4 -> r.target = r.target + "#fragment";
            case 5 -> r.target = r.target.replaceFirst("/api", "/api\t");
            case 6 -> r.target = "*";
            case 7 -> r.target = r.target.replaceFirst("/api/v1", "/API/V1");
            case 8 -> r.method = "X".repeat(10_000);
            default -> r.target = r.target + "?a=1 b=2";
        }
        r.what("request line " + Text.printable(r.method.length() > 20 ? r.method.length() + "-character method" : r.method)
                + " " + r.version);
    }

    private void brokenBody(Operation op, RawRequest r) {
        String type = op.bodyTypes().isEmpty() ? "application/json" : r.headerValue("Content-Type");
        String body = r.body == null ? "{\"note\":\"fuzz\"}" : new String(r.body, StandardCharsets.UTF_8);
        String broken = switch (random.nextInt(9)) {
            case 0 -> body.substring(0, Math.max(1, body.length() / 2));
            case 1 -> body + "}{\"again\":1}";
            case 2 -> "{\"note\":\"a\",\"note\":\"b\"}";
            case 3 -> "1e999999";
            case 4 -> "null";
            case 5 -> "[]";
            case 6 -> "";
            case 7 -> "\"" + "\\".repeat(1001) + "\"";
            default -> "{\"note\":\"" + "\\u12".repeat(3) + "\"}";
        };
        r.body(type, broken).what("broken body " + (broken.length() > 60 ? broken.substring(0, 60) + "..." : broken));
        if (random.nextInt(4) == 0) {
            r.header("Content-Encoding", "gzip").what(r.what + " labelled gzip");
        }
    }

    private void queryTricks(Operation op, RawRequest r) {
        switch (random.nextInt(7)) {
            case 0 -> r.target = r.target.split("\\?", 2)[0];
            case 1 -> r.query("page=1&page=2");
            case 2 -> r.query("=1&&&=");
            case 3 -> r.query("a[]=1&a[b]=2&__proto__=1&constructor.prototype=1");
            case 4 -> r.query("x=" + "1&x=".repeat(2_000) + "1");
            case 5 -> r.query("subscriber");
            default -> r.target = r.target.replace("?", "??");
        }
        r.what("query tricks " + (r.target.length() > 80 ? r.target.substring(0, 80) + "..." : r.target));
    }

    /**
     * The JSON body with one of its values, a string one if it has any, replaced by a JSON literal; a body that is
     * no JSON object becomes one with the literal as its note.
     */
    private String withValue(RawRequest r, String literal) {
        JsonNode root;
        try {
            root = WellFormedRequests.JSON.readTree(r.body);
        } catch (IOException e) {
            root = null;
        }
        List<ObjectNode> parents = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        collect(root, parents, fields);
        if (fields.isEmpty()) {
            return "{\"note\":" + literal + "}";
        }
        List<Integer> strings = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (parents.get(i).get(fields.get(i)).isTextual()) {
                strings.add(i);
            }
        }
        int i = strings.isEmpty() ? random.nextInt(fields.size()) : pick(strings);
        parents.get(i).put(fields.get(i), MARKER);
        return root.toString().replace("\"" + MARKER + "\"", literal);
    }

    private static void collect(JsonNode node, List<ObjectNode> parents, List<String> fields) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                parents.add(o);
                fields.add(name);
                collect(o.get(name), parents, fields);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(item -> collect(item, parents, fields));
        }
    }

    private static boolean isJson(RawRequest r) {
        String type = r.headerValue("Content-Type");
        return r.body != null && type != null && type.contains("json");
    }

    /** The text as a JSON string's content: escaped ({@code \u0000}) or, for what JSON allows raw, as is. */
    private static String escapeForJson(String s, boolean escapeAll) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || escapeAll && c > 0x7e || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02X", x & 0xff));
        }
        return b.toString();
    }
}
