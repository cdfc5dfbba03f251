package io.ringfence.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.RingfenceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state-changing API call lands in the hash-chained audit trail with who, what, when and from
 * where, whether it was allowed or refused; reads and switches' screening queries do not. Real HTTP
 * on the embedded servers (same configuration as ScreeningApiTest, so the two share one context).
 */
@SpringBootTest(classes = RingfenceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringfence.demo.enabled=false", "ringfence.grpc.port=0", "ringfence.screening.deny-high-risk-ranges=true"})
class ApiCallAuditTest {
    private static final String PASSWORD = "ringfence-demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Autowired
    HeadPublisher headPublisher;

    /** A user agent no other call uses, to find this test's rows. */
    private final String agent = "api-call-audit-test/" + UUID.randomUUID();

    private HttpResponse<String> call(String method, String path, String user, String password, String contentType,
                                      String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("User-Agent", agent)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** This test's API_CALL rows, as the compliance query API returns them. */
    private List<JsonNode> recorded(String actor) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", "/api/v1/audit/decisions?kind=ACTION&action=API_CALL&size=1000&actor="
                + URLEncoder.encode(actor, StandardCharsets.UTF_8), "compliance1", PASSWORD, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode item : JSON.readTree(r.body()).path("items")) {
            if (agent.equals(item.path("content").path("userAgent").asText())) {
                mine.add(item);
            }
        }
        return mine;
    }

    @Test
    void aChangeIsRecordedWithWhoWhatWhenAndWhereFrom() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> r = call("POST", "/api/v1/hotlists/deny", "analyst1", PASSWORD, "text/csv",
                "value,note\n+447700999001,test\n", "X-Forwarded-For", "203.0.113.7");
        Instant after = Instant.now();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        List<JsonNode> rows = recorded("analyst1");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.path("kind").asText()).isEqualTo("ACTION");
        assertThat(row.path("action").asText()).isEqualTo("API_CALL");
        assertThat(row.path("actor").asText()).isEqualTo("analyst1");
        assertThat(Instant.parse(row.path("recordedAt").asText())).isBetween(before.minusMillis(1), after);
        JsonNode detail = row.path("content");
        assertThat(detail.path("method").asText()).isEqualTo("POST");
        assertThat(detail.path("path").asText()).isEqualTo("/api/v1/hotlists/deny");
        assertThat(detail.path("status").asInt()).isEqualTo(202);
        assertThat(detail.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(detail.path("forwardedFor").asText()).isEqualTo("203.0.113.7");
        assertThat(detail.path("authScheme").asText()).isEqualTo("Basic");
        assertThat(detail.path("durationMs").isIntegralNumber()).isTrue();
        assertThat(detail.has("query")).isFalse();

        try (Connection c = dataSource.getConnection()) {
            assertThat(new ChainVerifier().verifyAll(c).intact()).as("the trail still verifies").isTrue();
        }
    }

    @Test
    void callsRefusedBySecurityAreRecordedWithTheirStatus() throws Exception {
        HttpResponse<String> noCredentials = call("POST", "/api/v1/tasks/x/claim", null, null, "application/json", "{}");
        HttpResponse<String> wrongPassword = call("POST", "/api/v1/tasks/y/claim", "handler1", "wrong",
                "application/json", "{}");
        HttpResponse<String> wrongRole = call("POST", "/api/v1/cases", "compliance1", PASSWORD, "application/json",
                "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700999002\"},\"typology\":\"SIM_SWAP\",\"note\":\"x\"}");
        HttpResponse<String> bareToken = call("POST", "/api/v1/tasks/z/claim", null, null, "application/json", "{}",
                "Authorization", "s3cr3t-t0ken");
        assertThat(noCredentials.statusCode()).isEqualTo(401);
        assertThat(bareToken.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongRole.statusCode()).as(wrongRole.body()).isEqualTo(403);

        // Refused for want of a sign-in: recorded off the request thread (RefusedCalls), so shortly after the answer.
        List<JsonNode> anonymous = recorded(ApiCallAuditFilter.ANONYMOUS);
        for (int i = 0; i < 150 && anonymous.size() < 3; i++) {
            Thread.sleep(100);
            anonymous = recorded(ApiCallAuditFilter.ANONYMOUS);
        }
        assertThat(anonymous).extracting(row -> row.path("content").path("path").asText())
                .containsExactlyInAnyOrder("/api/v1/tasks/x/claim", "/api/v1/tasks/y/claim", "/api/v1/tasks/z/claim");
        assertThat(anonymous).allSatisfy(row -> {
            assertThat(row.path("content").path("status").asInt()).isEqualTo(401);
            assertThat(row.path("content").path("remoteAddress").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(anonymous).filteredOn(row -> row.path("content").path("path").asText().endsWith("/y/claim"))
                .singleElement().satisfies(row -> assertThat(row.path("content").path("authScheme").asText()).isEqualTo("Basic"));
        assertThat(anonymous).filteredOn(row -> row.path("content").path("path").asText().endsWith("/z/claim"))
                .singleElement().satisfies(row -> assertThat(row.path("content").path("authScheme").asText()).isEqualTo("(other)"));
        assertThat(anonymous.toString()).as("credentials are never recorded").doesNotContain("s3cr3t-t0ken");

        List<JsonNode> refused = recorded("compliance1");
        assertThat(refused).singleElement().satisfies(row -> {
            assertThat(row.path("content").path("method").asText()).isEqualTo("POST");
            assertThat(row.path("content").path("path").asText()).isEqualTo("/api/v1/cases");
            assertThat(row.path("content").path("status").asInt()).isEqualTo(403);
        });
    }

    @Test
    void anEncodedPathIsRecordedAsTheControllerSeesIt() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/hotlists/%64eny", "analyst1", PASSWORD, "text/csv",
                "value,note\n+447700999003,encoded\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        assertThat(recorded("analyst1")).singleElement()
                .satisfies(row -> assertThat(row.path("content").path("path").asText()).isEqualTo("/api/v1/hotlists/deny"));
    }

    @Test
    void readsAndScreeningQueriesAreNotRecorded() throws Exception {
        assertThat(call("GET", "/api/v1/hotlists/deny", "analyst1", PASSWORD, null, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/screen", "switch1", PASSWORD, "application/json",
                "{\"a\":\"+447700999004\",\"b\":\"+447700999005\",\"type\":\"VOICE\"}").statusCode()).isEqualTo(200);
        // A change after them, so that the check below cannot pass for want of a working audit.
        assertThat(call("DELETE", "/api/v1/hotlists/deny/+447700999404", "analyst1", PASSWORD, null, null).statusCode())
                .isEqualTo(404);

        Long mine = jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE action = 'API_CALL' AND payload LIKE ?",
                Long.class, "%" + agent + "%");
        assertThat(mine).isEqualTo(1);
        assertThat(recorded("analyst1")).singleElement()
                .satisfies(row -> assertThat(row.path("content").path("method").asText()).isEqualTo("DELETE"));
    }

    @Test
    void theServiceSignsTheHeadOfTheDayTheCallWasAuditedIn() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/hotlists/deny", "analyst1", PASSWORD, "text/csv",
                "value,note\n+447700999077,test\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String day = recorded("analyst1").get(0).path("chainDay").asText();
        headPublisher.publish();
        // The zero-setup key: generated at the first start, its public key beside it.
        java.security.PublicKey key = HeadSigningKeys.readPublic(HeadSigningProperties.DATA.resolve("head-signing-key.pub.pem"));
        try (Connection c = dataSource.getConnection()) {
            PublishedHeads.Report report = new PublishedHeads().verify(c, headPublisher.dir(),
                    java.util.Map.of(HeadSigningKeys.keyId(key), key), java.time.LocalDate.parse(day));
            assertThat(report.intact()).as("%s", report.breaks()).isTrue();
            assertThat(report.headsChecked()).isPositive();
            assertThat(report.days()).singleElement().satisfies(d -> assertThat(d.lastPublishedSeq()).isPositive());
        }
    }
}
