package io.ringfence.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.ringfence.RingfenceApplication;
import io.ringfence.contract.Action;
import io.ringfence.detection.Subject;
import io.ringfence.screening.grpc.ScreenResponse;
import io.ringfence.screening.grpc.ScreeningGrpc;
import io.ringfence.screening.grpc.TrafficType;
import io.ringfence.screening.grpc.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST and gRPC screening APIs and the hot-list import, on the embedded servers, signed in as demo users. */
@SpringBootTest(classes = RingfenceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringfence.demo.enabled=false", "ringfence.grpc.port=0", "ringfence.screening.deny-high-risk-ranges=true"})
class ScreeningApiTest {
    private static final String PASSWORD = "ringfence-demo";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ManagedChannel channel;

    @LocalServerPort
    int port;
    @Autowired
    BlockMirror mirror;
    @Autowired
    GrpcScreeningServer grpcServer;
    @Autowired
    ScreeningStartup startup;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @AfterAll
    static void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** As the caller each API is for: a switch screens, an analyst keeps the hot lists (demo users, HTTP Basic). */
    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return sendAs(path.startsWith("/api/v1/screen") ? "switch1" : "analyst1", method, path, contentType, body);
    }

    private HttpResponse<String> sendAs(String user, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("Authorization", basic(user, PASSWORD));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A hot-list edit as maker-checker takes it: submitted by an analyst, applied when a supervisor approves. */
    private HttpResponse<String> edit(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> submitted = sendAs("analyst1", method, path, body == null ? null : "text/csv", body);
        if (submitted.statusCode() != 202) {
            return submitted;
        }
        String id = JSON.readTree(submitted.body()).get("changeId").asText();
        HttpResponse<String> approved = sendAs("supervisor1", "POST", "/api/v1/changes/" + id + "/approve",
                "application/json", "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        return submitted;
    }

    private JsonNode screen(String a, String b) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", "/api/v1/screen?a=" + enc(a) + "&b=" + enc(b) + "&type=VOICE", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private ScreeningGrpc.ScreeningBlockingStub grpc() {
        return grpc(basic("switch1", PASSWORD));
    }

    /** A stub that sends this {@code authorization} metadata (none when null). */
    private ScreeningGrpc.ScreeningBlockingStub grpc(String authorization) {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
        }
        ScreeningGrpc.ScreeningBlockingStub stub = ScreeningGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        if (authorization == null) {
            return stub;
        }
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    private static io.grpc.Status.Code grpcRefusal(ScreeningGrpc.ScreeningBlockingStub stub) {
        try {
            stub.screen(io.ringfence.screening.grpc.ScreenRequest.newBuilder().setA("+447700900801").setB("+447700900802")
                    .setType(TrafficType.VOICE).build());
            return io.grpc.Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void grpcScreeningNeedsTheCredentialsOfASwitch() {
        assertThat(grpcRefusal(grpc(null))).as("no credentials").isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(grpcRefusal(grpc(basic("switch1", "wrong")))).as("a wrong password").isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(grpcRefusal(grpc("Bearer not-in-demo-mode"))).as("a token in demo mode").isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(grpcRefusal(grpc(basic("analyst1", PASSWORD)))).as("a person, not a switch")
                .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
        assertThat(grpcRefusal(grpc(basic("admin1", PASSWORD)))).as("the platform admin")
                .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
        assertThat(grpcRefusal(grpc())).isEqualTo(io.grpc.Status.Code.OK);
    }

    @Test
    void restScreeningIsForSwitchesAndHotListsForAnalystsAndSupervisors() throws Exception {
        String screen = "/api/v1/screen?a=" + enc("+447700900811") + "&b=" + enc("+447700900812") + "&type=VOICE";
        HttpResponse<String> anonymous = sendAs(null, "GET", screen, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        HttpResponse<String> analyst = sendAs("analyst1", "GET", screen, null, null);
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(analyst.body()).get("status").asInt()).isEqualTo(403);

        assertThat(sendAs("switch1", "PUT", "/api/v1/hotlists/deny", "text/csv", "value,note\n").statusCode())
                .as("a switch does not edit hot lists").isEqualTo(403);
        assertThat(sendAs("compliance1", "GET", "/api/v1/hotlists/deny", null, null).statusCode()).isEqualTo(200);
        assertThat(sendAs("compliance1", "DELETE", "/api/v1/hotlists/deny/" + enc("+447700900813"), null, null).statusCode())
                .as("compliance reads, changes nothing").isEqualTo(403);
        assertThat(sendAs("supervisor1", "DELETE", "/api/v1/hotlists/deny/" + enc("+447700900813"), null, null).statusCode())
                .as("not on the list, but allowed to ask").isEqualTo(404);
        assertThat(sendAs("admin1", "GET", "/api/v1/hotlists/deny", null, null).statusCode())
                .as("the platform admin sees no subscriber data").isEqualTo(403);
    }

    @Test
    void irsfTestNumbersSeededAtStartAreDenied() throws Exception {
        JsonNode answer = screen("+447700900101", "+88213500001");

        assertThat(answer.get("verdict").asText()).isEqualTo("DENY");
        assertThat(answer.get("list").asText()).isEqualTo("irsf-test");
    }

    @Test
    void highRiskRangesSeededAtStartMatchTheLongestPrefix() throws Exception {
        assertThat(screen("+447700900102", "+37181234567").get("reason").asText())
                .startsWith("B +37181234567 is in high-risk range 37181:");
        assertThat(screen("+447700900102", "+447700900103").get("verdict").asText()).isEqualTo("ALLOW");
    }

    @Test
    void blockedSubscriberIsDeniedOverGetPostAndGrpc() throws Exception {
        String a = "+447700900201";
        mirror.blocked(Decisions.block("api-1", Action.BLOCK_SUBSCRIBER, Subject.subscriber(a), now(), now() + 600_000));

        JsonNode get = screen(a, "+447700900202");
        assertThat(get.get("verdict").asText()).isEqualTo("DENY");
        assertThat(get.get("decisionId").asText()).isEqualTo("api-1");

        HttpResponse<String> post = send("POST", "/api/v1/screen", "application/json",
                "{\"a\":\"" + a + "\",\"b\":\"+447700900202\",\"type\":\"SMS\",\"senderId\":\"BANK\"}");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(post.body()).get("decisionId").asText()).isEqualTo("api-1");

        ScreenResponse rpc = grpc().screen(io.ringfence.screening.grpc.ScreenRequest.newBuilder()
                .setA(a).setB("+447700900202").setType(TrafficType.VOICE).build());
        assertThat(rpc.getVerdict()).isEqualTo(Verdict.DENY);
        assertThat(rpc.getDecisionId()).isEqualTo("api-1");
        assertThat(rpc.getReason()).isEqualTo("BLOCK_SUBSCRIBER in force on SUBSCRIBER " + a);
    }

    @Test
    void anUnescapedPlusInTheQueryIsReadAsPlus() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/screen?a=+447700900301&b=+88213500001&type=VOICE", null, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("verdict").asText()).isEqualTo("DENY");
    }

    @Test
    void aNumberThatIsNotE164IsAProblem() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/screen?a=" + enc("+44abc") + "&b=" + enc("+447700900402")
                + "&type=VOICE", null, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).startsWith("a must be an E.164 number");

        HttpResponse<String> post = send("POST", "/api/v1/screen", "application/json",
                "{\"a\":\"+447700900401\",\"b\":\"0044\",\"type\":\"VOICE\"}");
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(post.body()).get("detail").asText()).startsWith("b must be an E.164 number");

        assertThatThrownBy(() -> grpc().screen(io.ringfence.screening.grpc.ScreenRequest.newBuilder()
                .setA("+447700900401").setB("12").setType(TrafficType.VOICE).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("b must be an E.164 number");
                });
    }

    @Test
    void csvImportReplacesAddsListsAndRemoves() throws Exception {
        String a = "+447700900501";
        mirror.blocked(Decisions.block("api-2", Action.BLOCK_SUBSCRIBER, Subject.subscriber(a), now(), now() + 600_000));
        assertThat(screen(a, "+447700900502").get("verdict").asText()).isEqualTo("DENY");

        HttpResponse<String> put = edit("PUT", "/api/v1/hotlists/allow-msisdn",
                "value,note\n" + a + ",\"test SIM, lab 2\"\n+447700900599,VIP\n");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        assertThat(JSON.readTree(put.body()).get("operation").asText()).isEqualTo("REPLACE");

        JsonNode allowed = screen(a, "+447700900502");
        assertThat(allowed.get("verdict").asText()).as("the allow list beats the block").isEqualTo("ALLOW");
        assertThat(allowed.get("list").asText()).isEqualTo("allow-msisdn");

        HttpResponse<String> post = edit("POST", "/api/v1/hotlists/allow-msisdn", "value,note\n+447700900598,VIP\n");
        assertThat(post.statusCode()).isEqualTo(202);

        JsonNode page = JSON.readTree(send("GET", "/api/v1/hotlists/allow-msisdn?size=2", null, null).body());
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("entries").get(0).get("value").asText()).isEqualTo(a);
        assertThat(page.get("entries").get(0).get("note").asText()).isEqualTo("test SIM, lab 2");
        String next = page.get("next").asText();
        JsonNode last = JSON.readTree(send("GET", "/api/v1/hotlists/allow-msisdn?size=2&after=" + enc(next), null, null).body());
        assertThat(last.get("entries")).hasSize(1);
        assertThat(last.get("next").isNull()).isTrue();

        assertThat(edit("DELETE", "/api/v1/hotlists/allow-msisdn/" + enc(a), null).statusCode()).isEqualTo(202);
        assertThat(edit("DELETE", "/api/v1/hotlists/allow-msisdn/" + enc(a), null).statusCode())
                .as("a value no longer on the list").isEqualTo(404);
        assertThat(screen(a, "+447700900502").get("decisionId").asText()).isEqualTo("api-2");
    }

    @Test
    void aBadCsvLineIsRejectedByNumberAndNothingIsApplied() throws Exception {
        edit("PUT", "/api/v1/hotlists/deny", "value,note\n+447700900601,first\n");

        for (String method : new String[] {"PUT", "POST"}) {
            HttpResponse<String> r = sendAs("analyst1", method, "/api/v1/hotlists/deny", "text/csv",
                    "value,note\n+447700900602,fine\n+4477009006xx,typo\n");

            assertThat(r.statusCode()).as(method).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("line").asInt()).isEqualTo(3);
            assertThat(problem.get("detail").asText()).startsWith("line 3: '+4477009006xx' is not an E.164 number");
        }

        JsonNode list = JSON.readTree(send("GET", "/api/v1/hotlists/deny", null, null).body());
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.get("entries").get(0).get("value").asText()).isEqualTo("+447700900601");
        assertThat(screen("+447700900603", "+447700900602").get("verdict").asText()).isEqualTo("ALLOW");
    }

    @Test
    void anUnknownListIsNotFound() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/hotlists/vip", null, null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("allow-msisdn");
    }

    @Test
    void theOpenApiDocumentDescribesScreeningAndHotLists() throws Exception {
        JsonNode paths = JSON.readTree(send("GET", "/v3/api-docs", null, null).body()).get("paths");

        assertThat(paths.has("/api/v1/screen")).isTrue();
        assertThat(paths.get("/api/v1/screen").get("get").get("responses").has("400")).isTrue();
        assertThat(paths.get("/api/v1/hotlists/{list}").has("put")).isTrue();
        assertThat(paths.has("/api/v1/hotlists/{list}/{value}")).isTrue();
    }

    @Test
    void theMirrorIsRewrittenFromTheStoresActiveBlocks() throws Exception {
        String a = "+447700900701";
        String stale = "+447700900702";
        mirror.blocked(Decisions.block("not-in-store", Action.BLOCK_SUBSCRIBER, Subject.subscriber(stale), now(), now() + 600_000));
        // The streaming store may carry more columns (set_at); fill those that exist.
        boolean setAt = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM information_schema.columns "
                + "WHERE table_name = 'active_block' AND column_name = 'set_at')", Boolean.class));
        jdbc.update("INSERT INTO active_block (action, target_kind, target_value, decision_id, expires_at"
                + (setAt ? ", set_at" : "") + ") VALUES ('BLOCK_SUBSCRIBER', 'SUBSCRIBER', ?, 'from-store', now() + interval '1 hour'"
                + (setAt ? ", now()" : "") + ")", a);
        try {
            startup.reconcileFromStore();

            assertThat(screen(a, "+447700900703").get("decisionId").asText()).isEqualTo("from-store");
            assertThat(screen(stale, "+447700900703").get("verdict").asText()).isEqualTo("ALLOW");
        } finally {
            jdbc.update("DELETE FROM active_block WHERE target_value = ?", a);
        }
    }
}
