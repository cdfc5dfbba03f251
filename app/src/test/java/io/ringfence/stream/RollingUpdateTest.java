package io.ringfence.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringfence.stream.TwoInstancesTest.await;
import static io.ringfence.stream.TwoInstancesTest.lastAssignment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling update as the chart runs it (maxSurge 1, maxUnavailable 0), under steady load: two instances
 * of one version are replaced one after the other by instances of the next rule set version. A new one joins
 * and becomes ready before an old one leaves the balancer and is stopped with SIGTERM. Then: no event lost or
 * stored twice, every decision recorded once, every block order the switches read sent once, the decisions
 * after the update made by the new rule set version, and the screening API answering every call throughout.
 */
class RollingUpdateTest {
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEXT_VERSION = "2026.12.1-rolling";
    private static final Duration PRE_STOP = Duration.ofSeconds(2);
    /**
     * How long an instance may take to start beside two others under load: a bound, not a measure. On a shared CI
     * machine a start took over four minutes (Spring's context alone a minute).
     */
    private static final Duration START = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void twoInstancesReplacedOneByOneUnderLoadLoseNothingRepeatNothingAndKeepScreening() throws Exception {
        Path nextRelease = nextRuleSetVersion(dir.resolve("next-release"));
        Balancer balancer = new Balancer();
        try (EmbeddedServers servers = StreamFixture.servers();
             ServiceProcess a = ServiceProcess.start(servers, dir.resolve("a.log"))) {
            a.awaitLog("Partitions assigned", START);
            try (ServiceProcess b = ServiceProcess.start(servers, dir.resolve("b.log"))) {
                balancer.add(ready(b));
                balancer.add(ready(a));
                await(Duration.ofMinutes(1), () -> covered(a, b));
                String oldVersion = null;
                // five days at 400 events/s: about 20 minutes, longer than two slow starts and the stops
                try (SteadyLoad load = SteadyLoad.start(servers, 19, 2000, 120, 400);
                     Screener screener = Screener.start(balancer)) {
                    await(Duration.ofMinutes(2), () -> StreamFixture.count(servers,
                            "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'") > 0);
                    oldVersion = decidedVersions(servers).iterator().next();

                    try (ServiceProcess a2 = ServiceProcess.startFirst(nextRelease, servers, dir.resolve("a2.log"))) {
                        replace(balancer, screener, a, a2, b);
                        try (ServiceProcess b2 = ServiceProcess.startFirst(nextRelease, servers, dir.resolve("b2.log"))) {
                            replace(balancer, screener, b, b2, a2);
                            long updatedAt = System.currentTimeMillis();
                            long sentAtUpdate = load.sent();
                            // the new pair alone under the load until it has decided with its own rules
                            await(Duration.ofMinutes(4), () -> load.sent() > sentAtUpdate + 2_000
                                    && StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind"
                                    + " = 'DECISION' AND rule_set_version = '" + NEXT_VERSION + "'") > 0);
                            assertThat(load.running()).as("the load ran through the whole update").isTrue();
                            int produced = load.stop();
                            screener.stop();

                            Map<Integer, Long> end = StreamFixture.endOffsets(servers);
                            await(Duration.ofMinutes(10), () -> StreamFixture.committedOffsets(servers).equals(end)
                                    && StreamFixture.count(servers, "SELECT count(*) FROM outbox") == 0);

                            assertThat(StreamFixture.count(servers, "SELECT count(*) FROM event_history"))
                                    .as("every event stored").isEqualTo(produced);
                            assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history"))
                                    .as("none stored twice").isEqualTo(produced);
                            long decisions = StreamFixture.count(servers,
                                    "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'");
                            assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT decision_id) FROM audit_entry"
                                    + " WHERE entry_kind = 'DECISION'")).isEqualTo(decisions);
                            assertThat(decidedVersions(servers)).containsExactlyInAnyOrder(oldVersion, NEXT_VERSION);
                            assertThat(StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE"
                                    + " entry_kind = 'DECISION' AND rule_set_version <> '" + NEXT_VERSION + "'"
                                    + " AND recorded_at > to_timestamp(" + updatedAt / 1000.0 + ")"))
                                    .as("no decision of the old version once both old instances are gone").isZero();
                            assertEachBlockOrderSentOnce(servers);
                            assertThat(screener.failures()).as("screening calls that failed").isEmpty();
                            assertThat(screener.answeredDuring()).as("screening answered in every phase")
                                    .containsKeys("a+b", "a+a2+b", "a2+b", "a2+b+b2", "a2+b2");
                            assertThat(a2.log() + b2.log()).as("the new instances decided")
                                    .contains("DECISION ");
                        }
                    }
                }
            }
        }
    }

    /**
     * One step of the rolling update: {@code next} starts (the surge), is ready and shares the partitions with
     * the others, then {@code old} leaves the balancer and gets SIGTERM, and the rest take its partitions.
     */
    private static void replace(Balancer balancer, Screener screener, ServiceProcess old, ServiceProcess next,
                                ServiceProcess other) throws Exception {
        next.awaitLog("Partitions assigned", START);
        balancer.add(ready(next));
        await(Duration.ofMinutes(2), () -> covered(old, next, other));
        // the surge: three pods behind the Service until a few calls have gone through them
        String surge = balancer.phase();
        await(Duration.ofMinutes(1), () -> screener.answeredDuring().getOrDefault(surge, 0) >= 5);
        balancer.remove(old);
        Thread.sleep(PRE_STOP.toMillis()); // the chart's preStop pause: endpoints drop the pod before it stops
        old.close();
        assertThat(old.log()).as("the old instance stopped cleanly").doesNotContain("consumer stopped");
        await(Duration.ofMinutes(2), () -> covered(next, other));
    }

    /** The instances' latest assignments are disjoint and together hold every partition. */
    private static boolean covered(ServiceProcess... services) throws IOException {
        Set<String> all = new HashSet<>();
        int sum = 0;
        for (ServiceProcess s : services) {
            Set<String> p = lastAssignment(s.log());
            sum += p.size();
            all.addAll(p);
        }
        return all.size() == StreamFixture.PARTITIONS && sum == StreamFixture.PARTITIONS;
    }

    /** The service's address once its readiness probe says 200, as a Service adds an endpoint. */
    private static Endpoint ready(ServiceProcess service) throws Exception {
        service.awaitLog("Tomcat started on port", START);
        Matcher m = PORT.matcher(service.log());
        assertThat(m.find()).isTrue();
        URI base = URI.create("http://127.0.0.1:" + m.group(1));
        HttpClient http = HttpClient.newHttpClient();
        await(Duration.ofMinutes(2), () -> {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return new Endpoint(service, base);
    }

    /**
     * The shipped rules under the next release's version: a folder put before the service's class path, as a new
     * image would carry a new rule set index.
     */
    private static Path nextRuleSetVersion(Path folder) throws IOException {
        String index;
        try (InputStream in = RollingUpdateTest.class.getClassLoader()
                .getResourceAsStream("io/ringfence/rules/ruleset.properties")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String next = index.replaceFirst("(?m)^version=.*$", "version=" + NEXT_VERSION);
        assertThat(next).contains("version=" + NEXT_VERSION);
        Path file = folder.resolve("io/ringfence/rules/ruleset.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, next);
        return folder;
    }

    private static Set<String> decidedVersions(EmbeddedServers servers) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT rule_set_version FROM audit_entry WHERE entry_kind = 'DECISION'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * What the switches read on {@code fraud.decisions}: exactly the block orders the audit says were sent, each
     * once (a graceful stop leaves no message to publish again).
     */
    private static void assertEachBlockOrderSentOnce(EmbeddedServers servers) throws Exception {
        Set<String> sent = new HashSet<>();
        try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT decision_id FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted"
                     + " AND action LIKE 'BLOCK_%'")) {
            while (rs.next()) {
                sent.add(rs.getString(1));
            }
        }
        List<String> onTopic = new ArrayList<>();
        for (JsonNode d : StreamFixture.decisionsOnTopic(servers.kafkaBootstrapServers())) {
            if (d.path("action").asText().startsWith("BLOCK_")) {
                onTopic.add(d.path("decisionId").asText());
            }
        }
        assertThat(sent).as("the day has block orders").isNotEmpty();
        assertThat(onTopic).as("block orders on fraud.decisions, each once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    record Endpoint(ServiceProcess service, URI base) {
    }

    /** The Service in front of the pods: the ready endpoints, in turn. */
    static final class Balancer {
        private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
        private final Map<ServiceProcess, String> names = new HashMap<>();
        private int next;

        synchronized void add(Endpoint e) {
            endpoints.add(e);
        }

        synchronized void remove(ServiceProcess service) {
            endpoints.removeIf(e -> e.service() == service);
        }

        synchronized Endpoint pick() {
            return endpoints.get(next++ % endpoints.size());
        }

        /** A name for the set of endpoints, such as "a2+b", from the services' log file names. */
        synchronized String phase() {
            List<String> n = new ArrayList<>();
            for (Endpoint e : endpoints) {
                n.add(names.computeIfAbsent(e.service(), ServiceProcess::name));
            }
            n.sort(null);
            return String.join("+", n);
        }
    }

    /** A switch asking the screening API about a call every 50 ms, through the balancer. */
    static final class Screener implements AutoCloseable {
        private final Balancer balancer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> answered = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;

        private Screener(Balancer balancer) {
            this.balancer = balancer;
            this.thread = new Thread(this::run, "screener");
        }

        static Screener start(Balancer balancer) {
            Screener s = new Screener(balancer);
            s.thread.start();
            return s;
        }

        private void run() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString("switch1:ringfence-demo".getBytes(StandardCharsets.UTF_8));
            int i = 0;
            while (running.get()) {
                String phase;
                Endpoint e;
                synchronized (balancer) {
                    phase = balancer.phase();
                    e = balancer.pick();
                }
                String b = "+4420794" + String.format("%05d", i++ % 100_000);
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(e.base().resolve(
                                    "/api/v1/screen?a=%2B447700900123&b=" + b.replace("+", "%2B") + "&type=VOICE"))
                            .header("Authorization", auth).timeout(Duration.ofSeconds(15)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String verdict = r.statusCode() == 200 ? JSON.readTree(r.body()).path("verdict").asText() : "";
                    if (verdict.isEmpty()) {
                        failures.add(phase + " " + e.base() + ": " + r.statusCode() + " " + r.body());
                    } else {
                        answered.merge(phase, 1, Integer::sum);
                    }
                } catch (IOException ex) {
                    failures.add(phase + " " + e.base() + ": " + ex);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }

        List<String> failures() {
            return failures;
        }

        Map<String, Integer> answeredDuring() {
            return answered;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
