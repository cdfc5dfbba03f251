package io.ringfence.stream;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, broker and controller in one) as its own operating-system process, from
 * the Kafka jars on the test classpath: unlike the in-process test broker it can be killed and started
 * again on the same port and the same log directory, as an outage does.
 */
final class BrokerProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    /** A PLAINTEXT listener for the test's own admin calls: the client listener itself on a plain broker. */
    private final int adminPort;
    private Process process;

    private BrokerProcess(Path dir, int port, int controllerPort, int adminPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.adminPort = adminPort;
    }

    static BrokerProcess format(Path dir) throws Exception {
        int port = freePort();
        BrokerProcess b = new BrokerProcess(dir, port, freePort(), port);
        b.format(List.of(
                "listeners=PLAINTEXT://127.0.0.1:" + b.port + ",CONTROLLER://127.0.0.1:" + b.controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + b.port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT"));
        return b;
    }

    /**
     * A broker whose client listener requires TLS and SASL SCRAM-SHA-512 ({@code bootstrap()}), with the
     * SCRAM user created at storage format time as KRaft allows; the controller and a broker-internal
     * listener stay PLAINTEXT on the loopback, for the broker itself and the test's setup.
     */
    static BrokerProcess formatSecured(Path dir, Path keystore, String keystorePassword, String user, String password)
            throws Exception {
        BrokerProcess b = new BrokerProcess(dir, freePort(), freePort(), freePort());
        b.format(List.of(
                "listeners=SASL_SSL://127.0.0.1:" + b.port + ",INTERNAL://127.0.0.1:" + b.adminPort
                        + ",CONTROLLER://127.0.0.1:" + b.controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + b.port + ",INTERNAL://127.0.0.1:" + b.adminPort,
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=INTERNAL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + keystorePassword,
                "ssl.key.password=" + keystorePassword),
                "--add-scram", "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]");
        return b;
    }

    private void format(List<String> listeners, String... formatArgs) throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        List<String> config = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER"));
        config.addAll(listeners);
        config.addAll(List.of(
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false", ""));
        Files.writeString(dir.resolve("server.properties"), String.join("\n", config));
        List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                dir.resolve("server.properties").toString()));
        args.addAll(List.of(formatArgs));
        Process f = java("kafka.tools.StorageTool", dir.resolve("format.log"), args.toArray(String[]::new));
        if (!f.waitFor(60, TimeUnit.SECONDS) || f.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
    }

    /** The PLAINTEXT listener for setting up and checking (the client listener on a plain broker). */
    String adminBootstrap() {
        return "127.0.0.1:" + adminPort;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) and waits until it answers. */
    void start() throws Exception {
        process = java("kafka.Kafka", dir.resolve("broker.log"), dir.resolve("server.properties").toString());
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Properties p = new Properties();
        p.put("bootstrap.servers", adminBootstrap());
        p.put("request.timeout.ms", "2000");
        p.put("default.api.timeout.ms", "3000");
        while (true) {
            try (AdminClient admin = AdminClient.create(p)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (!process.isAlive() || System.nanoTime() > until) {
                    throw new IllegalStateException("broker did not start: " + Files.readString(dir.resolve("broker.log")));
                }
                Thread.sleep(300);
            }
        }
    }

    void createTopics(int partitions, String... topics) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", adminBootstrap());
        try (AdminClient admin = AdminClient.create(p)) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : topics) {
                list.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(list).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL: the broker vanishes as in a crash or a network cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static Process java(String main, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
