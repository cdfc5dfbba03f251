package io.ringfence.stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.ringfence.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.ringfence.stream.TwoInstancesTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a Redis that takes TLS connections only and asks for a password, with the properties the Helm
 * chart writes for {@code redis.tls.enabled} and a CA Secret: it keeps its profile snapshots there, which a client
 * that trusts the same CA reads back.
 */
class RedisTlsTest {
    private static final String PASSWORD = "redis-secret-for-the-test";

    @TempDir
    Path dir;

    @Test
    void theServiceKeepsItsProfilesInARedisThatRequiresTlsAndAPassword() throws Exception {
        Path cert = dir.resolve("redis.crt");
        Path key = dir.resolve("redis.key");
        Path ca = dir.resolve("redis-ca.pem");
        SelfSignedCertificate.write(cert, key, ca);
        int tlsPort = freePort();
        RedisServer redis = RedisServer.newRedisServer().port(0).bind("127.0.0.1") // port 0: no plaintext listener
                .setting("tls-port " + tlsPort)
                .setting("tls-cert-file " + cert)
                .setting("tls-key-file " + key)
                .setting("tls-ca-cert-file " + ca)
                .setting("tls-auth-clients no")
                .setting("requirepass " + PASSWORD)
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        try (EmbeddedServers servers = StreamFixture.servers()) {
            assertThat(listeningPortsOfTheRedisOn(tlsPort)).as("redis-server listens on its TLS port only")
                    .containsExactly(tlsPort);
            assertThat(plaintextPing(tlsPort)).as("a plaintext client on the TLS port gets no answer")
                    .doesNotContain("PONG").doesNotContain("NOAUTH");

            try (ServiceProcess service = ServiceProcess.start(servers, dir.resolve("service.log"),
                    "--spring.data.redis.port=" + tlsPort,
                    "--spring.data.redis.password=" + PASSWORD,
                    "--spring.data.redis.ssl.enabled=true",
                    "--spring.data.redis.ssl.bundle=redis",
                    "--spring.ssl.bundle.pem.redis.truststore.certificate=file:" + ca)) {
                service.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                StreamFixture.produceDay(servers, 11, 100);
                Map<Integer, Long> end = StreamFixture.endOffsets(servers);
                await(Duration.ofMinutes(10), () -> StreamFixture.committedOffsets(servers).equals(end));
                service.close(); // a stopping instance leaves its partitions' profiles for the next owner
                assertThat(service.log()).doesNotContain("not saved");
            }

            RedisURI uri = RedisURI.builder().withHost("localhost").withPort(tlsPort).withSsl(true).withVerifyPeer(true)
                    .withPassword(PASSWORD.toCharArray()).build();
            RedisClient client = RedisClient.create(uri);
            client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().trustManager(ca.toFile()).build()).build());
            try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
                List<byte[]> keys = c.sync().keys("rf:profiles:*".getBytes(StandardCharsets.UTF_8));
                assertThat(keys).as("profile snapshots written over TLS").isNotEmpty();
                for (byte[] k : keys) {
                    assertThat(c.sync().strlen(k)).isPositive();
                }
            } finally {
                client.shutdown();
            }
        } finally {
            redis.stop();
        }
    }

    /** What a client that does not speak TLS gets for PING: the connection closed, or bytes that are no answer. */
    private static String plaintextPing(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256];
            int n;
            try {
                n = in.read(buf);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                return "";
            }
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** The ports the redis-server process that listens on {@code port} listens on (its sockets in /proc/net/tcp). */
    private static java.util.Set<Integer> listeningPortsOfTheRedisOn(int port) throws Exception {
        java.util.Map<String, Integer> listening = new java.util.HashMap<>(); // socket inode -> port
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals("0A")) { // 0A: LISTEN
                listening.put(f[9], Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
            }
        }
        for (ProcessHandle h : ProcessHandle.allProcesses()
                .filter(h -> h.info().command().orElse("").contains("redis-server")).toList()) {
            java.util.Set<Integer> ports = new java.util.TreeSet<>();
            try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc", String.valueOf(h.pid()), "fd"))) {
                for (java.nio.file.Path fd : fds.toList()) {
                    try {
                        String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            Integer p = listening.get(target.substring(8, target.length() - 1));
                            if (p != null) {
                                ports.add(p);
                            }
                        }
                    } catch (java.io.IOException gone) {
                        // closed meanwhile
                    }
                }
            }
            if (ports.contains(port)) {
                return ports;
            }
        }
        throw new AssertionError("no redis-server listens on " + port);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
