package io.ringfence.security;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.ringfence.RingfenceApplication;
import io.ringfence.screening.GrpcScreeningServer;
import io.ringfence.screening.grpc.ScreenRequest;
import io.ringfence.screening.grpc.ScreenResponse;
import io.ringfence.screening.grpc.ScreeningGrpc;
import io.ringfence.screening.grpc.TrafficType;
import io.ringfence.screening.grpc.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP and gRPC served over TLS from one SSL bundle, as docs/security.md configures it: a keystore
 * made by the JDK's keytool, a client that trusts that certificate alone.
 */
@SpringBootTest(classes = RingfenceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringfence.demo.enabled=false", "ringfence.grpc.port=0",
                "server.ssl.bundle=ringfence", "ringfence.grpc.ssl-bundle=ringfence"})
class TlsTest {
    private static final String PASSWORD = "keystore-secret";
    private static final Path DIR = tempDir();
    private static final Path KEYSTORE = DIR.resolve("ringfence.p12");

    @LocalServerPort
    int port;
    @Autowired
    GrpcScreeningServer grpcServer;

    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
        if (!Files.exists(KEYSTORE)) {
            keytool("-genkeypair", "-alias", "ringfence", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", KEYSTORE.toString(), "-storepass", PASSWORD);
        }
        registry.add("spring.ssl.bundle.jks.ringfence.keystore.location", () -> "file:" + KEYSTORE);
        registry.add("spring.ssl.bundle.jks.ringfence.keystore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.ringfence.keystore.type", () -> "PKCS12");
    }

    @AfterAll
    static void removeKeystore() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(DIR);
    }

    @Test
    void httpsAnswersAClientThatTrustsOnlyTheServiceCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingOnly(certificate())).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        SSLSession session = health.sslSession().orElseThrow();
        assertThat(session.getProtocol()).startsWith("TLSv1.");
        assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate());
    }

    @Test
    void plainHttpOnTheSamePortIsNotServed() throws Exception {
        int status;
        try {
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException refused) {
            status = -1;
        }
        // Tomcat answers a plaintext request on a TLS port with 400 ("requires TLS") or drops it.
        assertThat(status).isIn(-1, 400);
    }

    @Test
    void grpcScreeningOverTls() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(certificate()).build())
                .build();
        try {
            Metadata headers = new Metadata();
            // A switch signs in like any client; harmless where the gRPC service does not ask yet.
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic "
                    + Base64.getEncoder().encodeToString("switch1:ringfence-demo".getBytes(StandardCharsets.UTF_8)));
            ClientInterceptor signIn = MetadataUtils.newAttachHeadersInterceptor(headers);
            ScreenResponse answer = ScreeningGrpc.newBlockingStub(channel).withInterceptors(signIn)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .screen(ScreenRequest.newBuilder().setA("+447700900101").setB("+88213500001")
                            .setType(TrafficType.VOICE).build());

            assertThat(answer.getVerdict()).isEqualTo(Verdict.DENY);
            assertThat(answer.getList()).isEqualTo("irsf-test");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcPlaintextIsRefused() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
        try {
            StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> ScreeningGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                            .screen(ScreenRequest.newBuilder().setA("+447700900101").setB("+88213500001")
                                    .setType(TrafficType.VOICE).build()),
                    StatusRuntimeException.class);
            assertThat(refused).as("a plaintext call gets no answer").isNotNull();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static X509Certificate certificate() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return (X509Certificate) ks.getCertificate("ringfence");
    }

    private static SSLContext trustingOnly(X509Certificate cert) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ringfence", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ringfence-tls-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
