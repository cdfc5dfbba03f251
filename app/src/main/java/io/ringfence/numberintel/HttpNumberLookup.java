package io.ringfence.numberintel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.event.NumberLookupAnswer;
import io.ringfence.reference.NumberLookup;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A number-intelligence service reached over HTTP with one GET per number: {@code url} with {@code {number}}
 * replaced by the URL-encoded E.164 number, an optional bearer token, and a JSON answer
 * {@code {"status": "ASSIGNED|UNASSIGNED|UNKNOWN", "carrier": "...", "ported": true, "risk": 0.0-1.0}}, every
 * field optional. Vendors' APIs differ; one whose answer has another shape gets its own {@link NumberLookup}
 * (docs/integration.md). The request timeout is the cache's, so a slow service frees its thread on time.
 */
final class HttpNumberLookup implements NumberLookup {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An answer is a few fields; anything longer is not one, and is not read into memory. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final String source;
    private final String url;
    private final String token;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    HttpNumberLookup(String source, String url, String token, Duration timeout, Clock clock) {
        if (!url.contains("{number}")) {
            throw new IllegalArgumentException("ringfence.number-lookup.url must contain {number}, e.g. https://hlr.example/v1/numbers/{number}");
        }
        URI probe = URI.create(url.replace("{number}", "0"));
        if (!"http".equals(probe.getScheme()) && !"https".equals(probe.getScheme())) {
            throw new IllegalArgumentException("ringfence.number-lookup.url must be http or https, got " + probe.getScheme());
        }
        boolean loopback = "127.0.0.1".equals(probe.getHost()) || "localhost".equals(probe.getHost()) || "[::1]".equals(probe.getHost());
        if (token != null && !token.isBlank() && "http".equals(probe.getScheme()) && !loopback) {
            throw new IllegalArgumentException("ringfence.number-lookup.token would travel in clear text: the url must be https");
        }
        this.source = source;
        this.url = url;
        this.token = token == null || token.isBlank() ? null : token;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public NumberLookupAnswer lookup(String e164) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("{number}",
                        URLEncoder.encode(e164, StandardCharsets.UTF_8))))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(source + " answered HTTP " + response.statusCode() + " for a number lookup");
            }
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException(source + " answered more than " + MAX_ANSWER_BYTES + " bytes: not an answer");
            }
            return parse(e164, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    NumberLookupAnswer parse(String e164, String body) throws IOException {
        JsonNode n = JSON.readTree(body);
        if (n == null || !n.isObject()) {
            throw new IOException(source + " answered something other than a JSON object");
        }
        NumberLookupAnswer.Status status = NumberLookupAnswer.Status.UNKNOWN;
        if (n.hasNonNull("status")) {
            try {
                status = NumberLookupAnswer.Status.valueOf(n.get("status").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " answered an unknown status '" + n.get("status").asText()
                        + "' (expected ASSIGNED, UNASSIGNED or UNKNOWN)");
            }
        }
        double risk = !n.hasNonNull("risk") ? 0 : n.get("risk").isNumber() ? n.get("risk").asDouble() : Double.NaN;
        if (!(risk >= 0 && risk <= 1)) {
            throw new IOException(source + " answered a risk outside [0, 1]: " + n.get("risk"));
        }
        // The carrier's name reaches alerts and the console: printable characters only, and short.
        String carrier = n.hasNonNull("carrier") ? n.get("carrier").asText().replaceAll("[\\p{Cntrl}\\p{Cf}]", " ").strip() : null;
        Boolean ported = n.hasNonNull("ported") && n.get("ported").isBoolean() ? n.get("ported").asBoolean() : null;
        return new NumberLookupAnswer(e164, source, clock.millis(), status,
                carrier == null || carrier.isBlank() ? null : carrier.substring(0, Math.min(carrier.length(), 80)),
                ported, risk);
    }
}
