package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The service against a broker that accepts clients only over TLS with SASL SCRAM-SHA-512, configured as
 * the Helm chart configures it ({@code ringfence.kafka.properties.*}, a PEM trust store): it consumes the
 * events and publishes its decisions through that listener; with a wrong password it stays up, DOWN in
 * its health with the reason, and says so in its log without a stack trace.
 */
class KafkaSaslTlsTest {
    private static final String EVENTS = "telecom.events";
    private static final String USER = "ringfence";
    private static final String PASSWORD = "scram-secret-for-the-test";
    private static final String STORE_PASSWORD = "keystore-secret";

    @TempDir
    Path dir;

    @Test
    void theServiceConsumesAndDecidesOverSaslSslAndAWrongPasswordIsReportedNotThrown() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path caPem = dir.resolve("broker-ca.pem");
        brokerCertificate(keystore, caPem);
        List<TelecomEvent> day = new ArrayList<>();
        new TrafficSimulator(new SimulationConfig(29, 300, SimulationConfig.DEFAULT_START, 24, 1)).forEach(day::add);

        try (EmbeddedServers servers = EmbeddedServers.start(1, "unused");
             BrokerProcess broker = BrokerProcess.formatSecured(dir.resolve("kafka"), keystore, STORE_PASSWORD, USER, PASSWORD)) {
            broker.start();
            broker.createTopics(2, EVENTS, "telecom.events.dlq", "fraud.alerts", "fraud.decisions", "telecom.events.ingested");

            Throwable plaintext = catchThrowable(() -> produce(broker.bootstrap(), Map.of(), day.subList(0, 1)));
            assertThat(plaintext instanceof java.util.concurrent.ExecutionException ? plaintext.getCause() : plaintext)
                    .as("the client listener takes no plaintext client")
                    .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);

            // The operator's commands, with the same settings in a --kafka-config file: feed before the
            // service runs, the exactly-once file ingest (transactional producer, marker consumer) while it does.
            Path clientConfig = dir.resolve("client.properties");
            Properties cp = new Properties();
            cp.putAll(client(caPem, PASSWORD));
            try (var w = Files.newBufferedWriter(clientConfig)) {
                cp.store(w, null);
            }
            int half = day.size() / 2;
            Path firstHalf = jsonLines(dir.resolve("first-half.jsonl"), day.subList(0, half));
            Path drop = Files.createDirectories(dir.resolve("drop"));
            jsonLines(drop.resolve("second-half.jsonl"), day.subList(half, day.size()));
            CliOutcome feed = cli("feed", "--file", firstHalf.toString(), "--rate", "0", "--bootstrap-servers",
                    broker.bootstrap(), "--kafka-config", clientConfig.toString());
            assertThat(feed.code).as(feed.text).isZero();
            assertThat(feed.text).contains(String.format(java.util.Locale.ROOT, "%,d events sent", half));

            try (ServiceProcess service = ServiceProcess.start(servers, broker.bootstrap(), dir.resolve("service.log"),
                    serviceArgs(caPem, PASSWORD, "ringfence"))) {
                service.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                CliOutcome ingest = cli("ingest", "--dir", drop.toString(), "--bootstrap-servers", broker.bootstrap(),
                        "--jdbc-url", servers.jdbcUrl(), "--db-user", "postgres", "--kafka-config", clientConfig.toString());
                assertThat(ingest.code).as(ingest.text).isZero();
                assertThat(ingest.text).contains("DONE      second-half.jsonl");
                await(Duration.ofMinutes(10), () -> StreamFixture.count(servers, "SELECT count(*) FROM event_history") == day.size()
                        && StreamFixture.count(servers, "SELECT count(*) FROM outbox") == 0);

                Set<String> sent = new HashSet<>();
                try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT decision_id FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted")) {
                    while (rs.next()) {
                        sent.add(rs.getString(1));
                    }
                }
                assertThat(sent).as("the day has decisions").isNotEmpty();
                Set<String> onTopic = new HashSet<>();
                StreamFixture.decisionsOnTopic(broker.adminBootstrap()).forEach(d -> onTopic.add(d.path("decisionId").asText()));
                assertThat(onTopic).as("every decision reached fraud.decisions over SASL_SSL").isEqualTo(sent);
            }

            int port = freePort();
            Path wrongLog = dir.resolve("wrong-password.log");
            List<String> args = new ArrayList<>(List.of(serviceArgs(caPem, "not-the-password", "ringfence-wrong")));
            args.addAll(List.of("--server.port=" + port, "--management.endpoint.health.show-details=always"));
            try (ServiceProcess service = ServiceProcess.start(servers, broker.bootstrap(), wrongLog, args.toArray(String[]::new))) {
                service.awaitLog("Started RingfenceApplication", Duration.ofMinutes(3));
                String reason = awaitStreamDownReason(port, Duration.ofMinutes(2));
                assertThat(reason).contains("Kafka refused the connection").contains("SCRAM-SHA-512")
                        .doesNotContain("org.apache.kafka");
                assertThat(service.alive()).as("a wrong password is not a crash").isTrue();
                String log = service.log();
                assertThat(log).contains("Kafka refused the connection");
                assertThat(log.lines().filter(l -> l.startsWith("\tat ")).count())
                        .as("no stack trace in the log for a wrong password").isZero();
            }
        }
    }

    private record CliOutcome(int code, String text) {
    }

    /** The command line in this JVM, as an operator runs it; out and err together. */
    private static CliOutcome cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = io.ringfence.cli.RingfenceCli.commandLine().setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(out, true)).execute(args);
        return new CliOutcome(code, out.toString());
    }

    private static Path jsonLines(Path file, List<TelecomEvent> events) throws IOException {
        try (var w = Files.newOutputStream(file)) {
            for (TelecomEvent e : events) {
                w.write(EventJson.toJsonBytes(e));
                w.write('\n');
            }
        }
        return file;
    }

    /** The settings an operator gives the service, as the chart writes them. */
    private static String[] serviceArgs(Path caPem, String password, String group) {
        return new String[]{
                "--ringfence.kafka.group-id=" + group,
                "--ringfence.kafka.properties.security.protocol=SASL_SSL",
                "--ringfence.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                "--ringfence.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + USER + "\" password=\"" + password + "\";",
                "--ringfence.kafka.properties.ssl.truststore.type=PEM",
                "--ringfence.kafka.properties.ssl.truststore.location=" + caPem,
                // the case feed's own consumer group, so the second instance does not share the first one's
                "--ringfence.cases.consumer-group=" + group + "-cases"};
    }

    private static Map<String, String> client(Path caPem, String password) {
        return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";",
                "ssl.truststore.type", "PEM", "ssl.truststore.location", caPem.toString());
    }

    /** A self-signed broker certificate for 127.0.0.1 (host name verification stays on) and its PEM for clients. */
    private static void brokerCertificate(Path keystore, Path caPem) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", caPem.toString());
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void produce(String bootstrap, Map<String, String> security, List<TelecomEvent> events) throws Exception {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (TelecomEvent e : events) {
                acks.add(producer.send(new ProducerRecord<>(EVENTS, e.getSubscriber().getBytes(StandardCharsets.UTF_8),
                        EventJson.toJsonBytes(e))));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** The stream's health reason once it is DOWN, read as an orchestrator would. */
    private static String awaitStreamDownReason(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long until = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            last = r.body();
            var stream = json.readTree(last).path("components").path("stream");
            if ("DOWN".equals(stream.path("status").asText()) && r.statusCode() == 503) {
                return stream.path("details").path("reason").asText();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the stream never went DOWN; last health: " + last);
    }

    private static void await(Duration timeout, java.util.concurrent.Callable<Boolean> done) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.call()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
