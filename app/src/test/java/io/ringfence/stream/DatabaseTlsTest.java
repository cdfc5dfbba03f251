package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The service on a PostgreSQL that takes its database's connections over TLS only, with the JDBC URL the
 * Helm chart writes ({@code sslmode=verify-full&sslrootcert=CA}): it migrates, consumes and stores, and
 * every connection it holds is encrypted.
 */
class DatabaseTlsTest {
    @TempDir
    Path dir;

    @Test
    void theServiceStoresEventsInAPostgresqlThatRequiresTls() throws Exception {
        Path ca = dir.resolve("pg-ca.pem");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        SelfSignedCertificate.write(cert, key, ca);

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
}
