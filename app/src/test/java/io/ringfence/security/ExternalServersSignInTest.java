package io.ringfence.security;

import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.stream.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started as an operator would start it on their own servers (here real ones this test runs,
 * handed to the service as external addresses) under a profile it does not know: it must not open with the
 * demo users' published password. It refuses in one readable line; with OIDC configured it starts, and the
 * demo users do not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalServersSignInTest {
    private EmbeddedServers servers;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts", "fraud.decisions");
    }

    @AfterAll
    void stop() {
        servers.close();
    }

    @Test
    void anUnknownProfileOnExternalServersRefusesDemoSignIn() throws Exception {
        try (ServiceProcess service = ServiceProcess.startAs("staging", servers, servers.kafkaBootstrapServers(),
                dir.resolve("refused.log"), "--ringfence.grpc.port=0")) {
            OptionalInt exit = service.awaitExit(Duration.ofMinutes(2));
            String log = service.log();

            assertThat(exit).as("the service stopped by itself; log:\n%s", log).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(log).contains("demo sign-in (a password published in the README) is refused on external servers (Kafka "
                    + servers.kafkaBootstrapServers() + ", " + servers.jdbcUrl() + ")")
                    .contains("ringfence.security.mode=oidc")
                    .contains("the demo profile");
            // One readable reason, not a wall of frames.
            assertThat(log).doesNotContain("\tat ");
        }
    }

    @Test
    void theFeederCannotBeTurnedOnForExternalServers() throws Exception {
        try (ServiceProcess service = ServiceProcess.startAs("staging", servers, servers.kafkaBootstrapServers(),
                dir.resolve("feeder.log"), "--ringfence.grpc.port=0", "--ringfence.security.mode=oidc",
                "--ringfence.security.oidc.issuer-uri=http://127.0.0.1:9/realms/ringfence", "--ringfence.demo.enabled=true")) {
            OptionalInt exit = service.awaitExit(Duration.ofMinutes(2));
            String log = service.log();

            assertThat(exit).as("the service stopped by itself; log:\n%s", log).isPresent();
            assertThat(log).contains("ringfence.demo.enabled=true would write simulated traffic to external servers")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void withOidcTheServiceStartsAndTheDemoUsersDoNotExist() throws Exception {
        int port = freePort();
        // The issuer is only asked for its keys when a token arrives (OidcSecurity): none does here.
        try (ServiceProcess service = ServiceProcess.startAs("staging", servers, servers.kafkaBootstrapServers(),
                dir.resolve("oidc.log"), "--ringfence.grpc.port=0", "--server.port=" + port,
                "--ringfence.security.mode=oidc", "--ringfence.security.oidc.issuer-uri=http://127.0.0.1:9/realms/ringfence")) {
            service.awaitLog("Partitions assigned", Duration.ofMinutes(3));

            String basic = Base64.getEncoder().encodeToString("handler1:ringfence-demo".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/tasks?size=1"))
                    .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
