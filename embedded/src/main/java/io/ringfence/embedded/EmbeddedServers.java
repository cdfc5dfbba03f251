package io.ringfence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Real Kafka, PostgreSQL and Redis servers for the zero-setup run and the tests: a KRaft broker in
 * this JVM, PostgreSQL and Redis from the binaries their libraries bundle, on free loopback ports.
 * They start in parallel and live as long as the application. Everything is fresh per start: the
 * {@code prod} profile points at durable external servers instead.
 */
public final class EmbeddedServers implements AutoCloseable {
    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final int redisPort;

    private EmbeddedServers(EmbeddedKafkaKraftBroker kafka, EmbeddedPostgres postgres, RedisServer redis, int redisPort) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
    }

    /**
     * @param partitions partitions of each topic the service uses
     * @param topics     topics to create
     */
    public static EmbeddedServers start(int partitions, String... topics) {
        // Redis first, alone: its binary is written to disk and executed, and a process forked meanwhile by
        // another thread (PostgreSQL's initdb) would inherit the open file and make the exec fail with
        // "Text file busy".
        int redisPort = freePort();
        RedisServer redis;
        try {
            redis = startRedis(redisPort);
        } catch (UncheckedIOException e) {
            // The free port can be taken by another process between finding it and binding it: once more.
            redisPort = freePort();
            redis = startRedis(redisPort);
        }
        CompletableFuture<EmbeddedPostgres> pg = CompletableFuture.supplyAsync(EmbeddedServers::startPostgres);
        CompletableFuture<EmbeddedKafkaKraftBroker> kafka = CompletableFuture.supplyAsync(() -> {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, topics);
            broker.brokerProperty("log.dirs", tempDir("ringfence-kafka-").toString());
            // One broker: the transaction log (the file ingest sends each file in a transaction) must fit on it;
            // Kafka's defaults ask for three replicas and find no coordinator.
            broker.brokerProperty("transaction.state.log.replication.factor", "1");
            broker.brokerProperty("transaction.state.log.min.isr", "1");
            broker.afterPropertiesSet();
            return broker;
        });
        return new EmbeddedServers(kafka.join(), pg.join(), redis, redisPort);
    }

    private static RedisServer startRedis(int port) {
        try {
            RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** The Spring properties that point the service at these servers. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "postgres");
        p.put("spring.data.redis.host", "127.0.0.1");
        p.put("spring.data.redis.port", redisPort);
        p.put("ringfence.kafka.bootstrap-servers", kafka.getBrokersAsString());
        return p;
    }

    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public int redisPort() {
        return redisPort;
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            redis.stop();
        } catch (IOException | RuntimeException ignored) {
            // stopping is best effort: the process is going away anyway
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // as above
        }
        kafka.destroy();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
