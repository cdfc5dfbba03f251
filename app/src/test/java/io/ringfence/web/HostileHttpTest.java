package io.ringfence.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.RingfenceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile client against the service as it runs: real HTTP through Tomcat, Spring Security and the embedded
 * PostgreSQL (same configuration as ScreeningApiTest and ApiCallAuditTest, so the three share one context). What
 * the web slice cannot show: that a NUL never reaches PostgreSQL, and that Tomcat's and Spring's own refusals,
 * which happen outside Spring MVC, are problems too.
 */
@SpringBootTest(classes = RingfenceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringfence.demo.enabled=false", "ringfence.grpc.port=0", "ringfence.screening.deny-high-risk-ranges=true"})
class HostileHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private HttpResponse<String> call(String method, String user, String rawPath, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":ringfence-demo").getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void problem(HttpResponse<String> r, int status) throws IOException {
        String seen = r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + " "
                + r.headers().firstValue("Content-Type").orElse("(no type)") + " " + r.body();
        assertThat(r.statusCode()).as(seen).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(seen).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("status").asInt()).as(seen).isEqualTo(status);
        assertThat(p.path("title").asText()).as(seen).isNotEmpty();
        assertThat(r.body()).as(seen).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
    }

    @Test
    void aNulNeverReachesTheDatabase() throws Exception {
        for (String path : new String[]{"/api/v1/cases?subscriber=%00", "/api/v1/alerts?subscriber=a%00b",
                "/api/v1/events?subscriber=%2B44%00", "/api/v1/audit/decisions?actor=%00",
                "/api/v1/audit/decisions.csv?subscriber=%00", "/api/v1/changes?status=%00"}) {
            problem(call("GET", "supervisor1", path, null), 400);
        }
        problem(call("GET", "supervisor1", "/api/v1/tasks?name=%00", null), 400);
        problem(call("GET", "supervisor1", "/api/v1/cases/%00", null), 400);
    }

    @Test
    void oddIdsAndPathsAreProblems() throws Exception {
        problem(call("GET", "supervisor1", "/api/v1/cases/%20", null), 400);
        problem(call("GET", "supervisor1", "/api/v1/cases/not-a-case", null, "Accept", "text/html"), 400);
        problem(call("GET", "supervisor1", "/api/v1/no-such-thing", null, "Accept", "text/html"), 404);
        // Tomcat refuses an encoded slash itself; Spring Security's firewall refuses a ;parameter and a //.
        problem(call("GET", "supervisor1", "/api/v1/cases/..%2F..%2Factuator", null, "Accept", "text/html"), 400);
        problem(call("GET", "supervisor1", "/api/v1/cases;x=1", null, "Accept", "text/html"), 400);
        problem(call("GET", "supervisor1", "/api/v1//cases", null), 400);
        problem(call("GET", null, "/api/v1/cases", null, "Accept", "text/html"), 401);
        problem(call("DELETE", "supervisor1", "/api/v1/cases", null), 405);
        problem(call("GET", "supervisor1", "/api/v1/cases?page=1&page=2", null), 400);
    }

    @Test
    void aCaseIsNotOpenedForAnAnswerTheClientRefuses() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class);
        HttpResponse<String> r = call("POST", "supervisor1", "/api/v1/cases",
                "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900991\"},\"typology\":\"SIM_SWAP\","
                        + "\"note\":\"opened by a supervisor without evidence\"}",
                "Content-Type", "application/json", "Accept", "text/plain");
        problem(r, 406);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class)).isEqualTo(before);
    }

    /**
     * Cross-site request forgery with the one credential a browser sends by itself here: HTTP Basic typed into
     * its password dialog. A page of another site posts a form; the browser labels it, and nothing is done.
     */
    @Test
    void aWriteABrowserSendsFromAnotherSiteIsRefused() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class);
        String open = "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900993\"},\"typology\":\"SIM_SWAP\","
                + "\"note\":\"forged\"}";

        HttpResponse<String> fetchMetadata = call("POST", "supervisor1", "/api/v1/cases", open,
                "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site", "Origin", "http://127.0.0.1:" + port);
        problem(fetchMetadata, 403);
        assertThat(JSON.readTree(fetchMetadata.body()).path("detail").asText()).contains("Sec-Fetch-Site: cross-site");
        problem(call("POST", "supervisor1", "/api/v1/cases", open, "Content-Type", "application/json",
                "Sec-Fetch-Site", "same-site"), 403);
        // A browser without Fetch Metadata still names the page's origin.
        problem(call("POST", "supervisor1", "/api/v1/cases", open, "Content-Type", "application/json",
                "Origin", "http://evil.example"), 403);
        problem(call("POST", "supervisor1", "/api/v1/cases", open, "Content-Type", "application/json",
                "Origin", "null"), 403);
        problem(call("POST", "supervisor1", "/api/v1/changes/00000000-0000-0000-0000-000000000000/withdraw", null,
                "Origin", "http://127.0.0.1:" + port + ".evil.example"), 403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class)).as("no case was opened")
                .isEqualTo(before);

        // The console's own calls, and clients that are not browsers, go through (and no cookie is handed out).
        HttpResponse<String> console = call("POST", "supervisor1", "/api/v1/cases", open, "Content-Type", "application/json",
                "Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:" + port);
        assertThat(console.statusCode()).as(console.body()).isEqualTo(201);
        assertThat(console.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> sameHostOldBrowser = call("POST", "supervisor1", "/api/v1/cases", open.replace("993", "994"),
                "Content-Type", "application/json", "Origin", "http://127.0.0.1:" + port);
        assertThat(sameHostOldBrowser.statusCode()).as(sameHostOldBrowser.body()).isEqualTo(201);
    }

    @Test
    void aHugeFieldIsRefusedWhole() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class);
        HttpResponse<String> r = call("POST", "supervisor1", "/api/v1/cases",
                "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900992\"},\"subscriber\":\"" + "4".repeat(5_000_000)
                        + "\",\"typology\":\"SIM_SWAP\",\"note\":\"huge\"}", "Content-Type", "application/json");
        problem(r, 413);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class)).isEqualTo(before);
    }

    /** Issue 20, finding 8: what the hostile-client suite (HostileClientFuzzTest) found answered 500 or with no body. */
    @Test
    void whatTheHostileClientSuiteFoundIsAProblem() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class);
        String open = "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900995\"},\"typology\":\"SIM_SWAP\","
                + "\"note\":\"%s\"}";
        // A NUL inside a JSON string reached PostgreSQL's insert.
        problem(call("POST", "supervisor1", "/api/v1/cases", String.format(open, "a\\u0000b"),
                "Content-Type", "application/json"), 400);
        // A pattern as Content-Type made Spring's request wrapper throw where the handler reads its body.
        for (String type : new String[]{"*/*", "application/*"}) {
            problem(call("POST", "supervisor1", "/api/v1/cases", String.format(open, "x"), "Content-Type", type), 415);
            problem(call("POST", "supervisor1", "/api/v1/tasks/no-such-task/complete", "{\"note\":\"x\"}",
                    "Content-Type", type), 415);
        }
        // multipart without a boundary failed in the multipart resolver, before any handler.
        problem(call("POST", "supervisor1", "/api/v1/changes/00000000-0000-0000-0000-000000000000/reject",
                "{\"note\":\"x\"}", "Content-Type", "multipart/form-data"), 400);
        problem(call("GET", "supervisor1", "/api/v1/changes/00000000-0000-0000-0000-000000000000", "x",
                "Content-Type", "multipart/form-data"), 400);
        // The firewall's refusals (a lower-case or unknown method) came with no body at all.
        problem(call("post", "supervisor1", "/api/v1/tasks/no-such-task/claim", null), 400);
        problem(call("PROPFIND", "supervisor1", "/api/v1/live", null), 400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fraud_case", Long.class)).as("no case was opened")
                .isEqualTo(before);
    }

    /** A control character in a header value, which java.net.http will not send: a raw socket does. */
    @Test
    void aControlCharacterInAHeaderIsA400Problem() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("supervisor1:ringfence-demo".getBytes(StandardCharsets.UTF_8));
        for (String header : new String[]{"User-Agent", "Accept", "X-Request-Id", "Origin"}) {
            for (String control : new String[]{"\u0001", "\u0000", "\u007f", "\u001b"}) {
                RawRequest r = new RawRequest("GET", "/api/v1/cases?size=1").header("Authorization", auth)
                        .header(header, "fuzz" + control + "x");
                RawHttp.Answer a = RawHttp.send(port, r.bytes(port), 30_000);
                String seen = header + " with " + Text.printable(control) + " answered " + a.status() + " " + a.body();
                assertThat(a.status()).as(seen).isEqualTo(400);
                assertThat(a.header("Content-Type")).as(seen).startsWith("application/problem+json");
                assertThat(JSON.readTree(a.body()).path("status").asInt()).as(seen).isEqualTo(400);
            }
        }
    }
}
