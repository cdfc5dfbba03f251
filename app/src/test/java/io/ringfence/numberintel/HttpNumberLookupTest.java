package io.ringfence.numberintel;

import com.sun.net.httpserver.HttpServer;
import io.ringfence.event.NumberLookupAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP lookup against a real HTTP server on 127.0.0.1 playing the vendor. */
class HttpNumberLookupTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";
    private volatile long delayMillis;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/numbers/", exchange -> {
            requests.add(exchange.getRequestURI().getRawPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                // Daemons: a handler still parked at the end must not keep the test JVM alive.
                Thread t = new Thread(r, "vendor");
                t.setDaemon(true);
                return t;
            }));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpNumberLookup lookup(String token, Duration timeout) {
        return new HttpNumberLookup("hlr:acme", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/numbers/{number}",
                token, timeout, CLOCK);
    }

    @Test
    void asksForTheEncodedNumberWithTheTokenAndReadsTheAnswer() throws Exception {
        body = "{\"status\":\"unassigned\",\"carrier\":\"Example Mobile\",\"ported\":true,\"risk\":0.7,\"extra\":1}";

        NumberLookupAnswer a = lookup("s3cret", Duration.ofSeconds(5)).lookup("+33612345678");

        assertThat(requests).containsExactly("/v1/numbers/%2B33612345678 Bearer s3cret");
        assertThat(a).isEqualTo(new NumberLookupAnswer("+33612345678", "hlr:acme", CLOCK.millis(),
                NumberLookupAnswer.Status.UNASSIGNED, "Example Mobile", true, 0.7));
    }

    @Test
    void everyFieldIsOptionalAndNoTokenSendsNoAuthorization() throws Exception {
        NumberLookupAnswer a = lookup(null, Duration.ofSeconds(5)).lookup("+33612345678");

        assertThat(requests).containsExactly("/v1/numbers/%2B33612345678 null");
        assertThat(a.status()).isEqualTo(NumberLookupAnswer.Status.UNKNOWN);
        assertThat(a.carrier()).isNull();
        assertThat(a.ported()).isNull();
        assertThat(a.risk()).isZero();
    }

    @Test
    void anErrorStatusAnUnknownStatusARiskOutOfRangeOrNotJsonIsAFailureNotAnAnswer() {
        status = 503;
        assertThatThrownBy(() -> lookup(null, Duration.ofSeconds(5)).lookup("+33612345678"))
                .hasMessageContaining("HTTP 503");
        status = 200;
        body = "{\"status\":\"PORTED_OUT\"}";
        assertThatThrownBy(() -> lookup(null, Duration.ofSeconds(5)).lookup("+33612345678"))
                .hasMessageContaining("unknown status 'PORTED_OUT'");
        body = "{\"risk\":7}";
        assertThatThrownBy(() -> lookup(null, Duration.ofSeconds(5)).lookup("+33612345678"))
                .hasMessageContaining("risk outside [0, 1]");
        body = "{\"risk\":true}";
        assertThatThrownBy(() -> lookup(null, Duration.ofSeconds(5)).lookup("+33612345678"))
                .hasMessageContaining("risk outside [0, 1]");
        body = "<html>maintenance</html>";
        assertThatThrownBy(() -> lookup(null, Duration.ofSeconds(5)).lookup("+33612345678"))
                .isInstanceOf(IOException.class);
        body = "{\"carrier\":\"" + "x".repeat(HttpNumberLookup.MAX_ANSWER_BYTES) + "\"}";
        assertThatThrownBy(() -> lookup(null, Duration.ofSeconds(5)).lookup("+33612345678"))
                .hasMessageContaining("not an answer");
    }

    @Test
    void aCarrierNameLosesItsControlCharactersAndAPortedFlagMustBeABoolean() throws Exception {
        body = "{\"carrier\":\"Evil\\u0007\\nCarrier\\u202e\",\"ported\":\"yes\"}";

        NumberLookupAnswer a = lookup(null, Duration.ofSeconds(5)).lookup("+33612345678");

        assertThat(a.carrier()).isEqualTo("Evil  Carrier");
        assertThat(a.ported()).isNull();
    }

    @Test
    void aServiceSlowerThanTheTimeoutIsATimeout() {
        delayMillis = 2_000;
        assertThatThrownBy(() -> lookup(null, Duration.ofMillis(200)).lookup("+33612345678"))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aUrlWithoutTheNumberPlaceholderOrNotHttpIsRefusedAtStart() {
        assertThatThrownBy(() -> new HttpNumberLookup("x", "http://127.0.0.1/v1/numbers", null, Duration.ofSeconds(1), CLOCK))
                .hasMessageContaining("{number}");
        assertThatThrownBy(() -> new HttpNumberLookup("x", "file:///etc/{number}", null, Duration.ofSeconds(1), CLOCK))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> new HttpNumberLookup("x", "http://hlr.example/{number}", "s3cret", Duration.ofSeconds(1), CLOCK))
                .as("a token in clear text over the network").hasMessageContaining("must be https");
    }
}
