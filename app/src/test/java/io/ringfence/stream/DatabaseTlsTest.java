package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The service on a PostgreSQL that takes its database's connections over TLS only, with the JDBC URL the
 * Helm chart writes ({@code sslmode=verify-full&sslrootcert=CA}): it migrates, consumes and stores, and
 * every connection it holds is encrypted.
 */
class DatabaseTlsTest {
    private static final String STORE_PASSWORD = "keystore-secret";

    @TempDir
    Path dir;

    @Test
    void theServiceStoresEventsInAPostgresqlThatRequiresTls() throws Exception {
        Path ca = dir.resolve("pg-ca.pem");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        serverCertificate(cert, key, ca);

        try (EmbeddedServers servers = StreamFixture.servers();
             EmbeddedPostgres pg = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                     .setServerConfig("ssl", "on")
                     .setServerConfig("ssl_cert_file", cert.toString())
                     .setServerConfig("ssl_key_file", key.toString())
                     .setDataDirectoryCustomizer(data -> tlsOnlyForTheServicesDatabase(data.toPath()))
                     .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE ringfence");
            }
            String plain = "jdbc:postgresql://localhost:" + pg.getPort() + "/ringfence?sslmode=disable";
            Throwable refused = catchThrowable(() -> DriverManager.getConnection(plain, "postgres", "").close());
            assertThat(refused).as("the database takes no plaintext connection").isInstanceOf(SQLException.class)
                    .hasMessageContaining("no encryption");

            String tls = "jdbc:postgresql://localhost:" + pg.getPort() + "/ringfence?sslmode=verify-full&sslrootcert=" + ca;
            try (ServiceProcess service = ServiceProcess.start(servers, dir.resolve("service.log"),
                    "--spring.datasource.url=" + tls)) {
                service.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                int n = StreamFixture.produceDay(servers, 11, 100);
                long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (count(tls, "SELECT count(*) FROM event_history") < n) {
                    if (System.nanoTime() > until) {
                        throw new AssertionError("not every event was stored:\n" + service.log());
                    }
                    Thread.sleep(500);
                }
                assertThat(count(tls, "SELECT count(*) FROM event_history")).isEqualTo(n);
                assertThat(count(tls, "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                        + " WHERE a.datname = 'ringfence' AND a.backend_type = 'client backend' AND NOT s.ssl"))
                        .as("no plaintext connection to the service's database").isZero();
                assertThat(count(tls, "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                        + " WHERE a.datname = 'ringfence' AND s.ssl")).as("the service's pool and this check").isGreaterThan(1);
            }
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The superuser's own database stays reachable without TLS (the embedded server's start check uses it). */
    private static void tlsOnlyForTheServicesDatabase(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "hostnossl postgres postgres 127.0.0.1/32 trust",
                    "hostnossl postgres postgres ::1/128 trust",
                    "hostssl all all 127.0.0.1/32 trust",
                    "hostssl all all ::1/128 trust", ""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A self-signed certificate for localhost, as PEM files PostgreSQL reads; the same certificate is the CA. */
    private static void serverCertificate(Path cert, Path key, Path ca) throws Exception {
        Path p12 = cert.resolveSibling("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pg", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        Key k = store.getKey("pg", STORE_PASSWORD.toCharArray());
        String pem = pem("CERTIFICATE", store.getCertificate("pg").getEncoded());
        Files.writeString(cert, pem);
        Files.writeString(ca, pem);
        Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------")); // PostgreSQL insists
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
