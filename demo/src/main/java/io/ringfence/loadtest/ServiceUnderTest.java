package io.ringfence.loadtest;

import io.ringfence.embedded.EmbeddedServers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The streaming service as its own process, started from the same jar (or classpath) as the harness
 * and pointed at the harness's servers: its heap, GC and JIT are its own, as in production, and a
 * profiler attached to it sees the service and nothing of the load generator.
 */
final class ServiceUnderTest implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceUnderTest(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** @param jdbcUrl the database the service keeps its store in (a second one for the durable floor) */
    static ServiceUnderTest start(EmbeddedServers servers, String jdbcUrl, Path log, List<String> jvmArgs,
                                  List<String> serviceArgs) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            cmd.addAll(List.of("-jar", classPath)); // java -jar ringfence.jar loadtest: the same fat jar
        } else {
            cmd.addAll(List.of("-cp", classPath, "io.ringfence.RingfenceApplication")); // tests, IDEs
        }
        cmd.addAll(List.of(
                "--ringfence.embedded.enabled=false",
                // demo users on servers started for the purpose: the demo profile says so (DemoOnlyOnItsOwnServers)
                "--spring.profiles.active=demo",
                "--ringfence.demo.enabled=false",
                // the simulated days are dated months back: a run across 03:17 would see retention drop their history
                "--ringfence.retention.cron=-",
                "--server.port=" + port,
                "--ringfence.grpc.port=0",
                "--ringfence.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + servers.redisPort()));
        cmd.addAll(serviceArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceUnderTest(p, log, port);
    }

    /** Until the consumer has its partitions and readiness answers 200. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!(log().contains("Partitions assigned") && ready())) {
            if (!process.isAlive() || System.nanoTime() > until) {
                String l = log();
                throw new IllegalStateException("the service did not become ready (alive: " + process.isAlive()
                        + "); its log ends:\n" + l.substring(Math.max(0, l.length() - 3000)));
            }
            Thread.sleep(250);
        }
    }

    private boolean ready() {
        try {
            return get("/actuator/health/readiness").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The service's own counters and batch timings, as an operator scrapes them. */
    Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        try {
            for (String line : get("/actuator/prometheus").body().split("\n")) {
                if (line.startsWith("ringfence_events_in_total") || line.startsWith("ringfence_batch_duration_seconds_sum")
                        || line.startsWith("ringfence_batch_duration_seconds_count")
                        || line.startsWith("ringfence_batch_duration_seconds_max")
                        || line.startsWith("ringfence_decision_latency_seconds_count")
                        || line.startsWith("ringfence_decision_latency_seconds_sum")
                        || line.startsWith("ringfence_decision_latency_seconds_max")
                        || line.startsWith(JvmWindow.GC_PAUSE_SUM) || line.startsWith(JvmWindow.GC_PAUSE_COUNT)
                        || line.startsWith(JvmWindow.JIT_MILLIS) || line.startsWith(JvmWindow.ALLOCATED)) {
                    int space = line.lastIndexOf(' ');
                    m.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            m.put("unavailable", Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return m;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, so that a flight recording started with the JVM is written out. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
