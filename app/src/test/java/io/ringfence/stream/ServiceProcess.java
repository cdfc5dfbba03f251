package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service as its own operating-system process, pointed at servers this test JVM runs: so that a
 * test can run two instances side by side, or kill one with SIGKILL and start another.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(EmbeddedServers servers, Path log, String... extra) throws IOException {
        return start(servers, servers.kafkaBootstrapServers(), log, extra);
    }

    /** With the Kafka at {@code bootstrap} instead of the servers' own (a broker run as its own process). */
    static ServiceProcess start(EmbeddedServers servers, String bootstrap, Path log, String... extra) throws IOException {
        // demo users on servers started for the purpose: the demo profile says so (DemoOnlyOnItsOwnServers)
        return startAs("demo", servers, bootstrap, log, extra);
    }

    /**
     * Under {@code profile}, as an operator would start the service on servers they run: the test's servers
     * are external to the service.
     */
    public static ServiceProcess startAs(String profile, EmbeddedServers servers, String bootstrap, Path log,
                                         String... extra) throws IOException {
        return startAs(profile, servers, bootstrap, log, System.getProperty("java.class.path"), extra);
    }

    /**
     * As the next release would run: {@code release} (a folder of resources, such as a rule set index under a new
     * version) comes before the class path, so its files replace the shipped ones of the same name.
     */
    static ServiceProcess startFirst(Path release, EmbeddedServers servers, Path log, String... extra) throws IOException {
        return startAs("demo", servers, servers.kafkaBootstrapServers(), log,
                release + java.io.File.pathSeparator + System.getProperty("java.class.path"), extra);
    }

    private static ServiceProcess startAs(String profile, EmbeddedServers servers, String bootstrap, Path log,
                                          String classPath, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseParallelGC",
                "-cp", classPath,
                "io.ringfence.RingfenceApplication",
                "--ringfence.embedded.enabled=false",
                "--spring.profiles.active=" + profile,
                "--ringfence.demo.enabled=false",
                "--ringfence.retention.cron=-", // months-old simulated days: a test across 03:17 would lose them
                "--server.port=0",
                "--ringfence.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + servers.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + servers.redisPort()));
        // An extra argument replaces the one above of the same name: Spring would join two values with a comma.
        for (String e : extra) {
            String name = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : e;
            cmd.removeIf(c -> c.startsWith("--") && c.startsWith(name));
        }
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(p, log);
    }

    /** The log file's name without its extension: "a" for a.log. */
    String name() {
        String f = log.getFileName().toString();
        return f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f;
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits until the log shows {@code text}, or fails with the log's tail. */
    public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                String l = log();
                throw new AssertionError("no '" + text + "' in the service log (alive: " + process.isAlive() + "):\n"
                        + l.substring(Math.max(0, l.length() - 4000)));
            }
            Thread.sleep(200);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended by itself, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        // as long as the chart's grace period: a graceful stop under load finishes its batch and hands over
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
