package io.ringfence.numberintel;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringfence.stream.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with a number-intelligence service configured, on the embedded broker and database and a real HTTP
 * server on 127.0.0.1 playing the vendor: answers reach the rules and are named in the alert, and a vendor that
 * hangs holds up nothing but its own lookups.
 */
// Closed after its test: its vendor and lookup threads serve no other class, and the suite's JVM holds many contexts.
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(properties = {"ringfence.demo.enabled=false", "ringfence.number-lookup.source=hlr:vendor-test",
        "ringfence.number-lookup.timeout=PT2S", "ringfence.number-lookup.retry-after=PT1S",
        "ringfence.number-lookup.token=vendor-token"})
class NumberLookupServiceTest {
    private static final String LINE = "+447700900301";
    private static final String WARM_UP_LINE = "+447700900302";
    private static final String HANGING = "+33612349999";
    private static final List<String> DESTINATIONS = List.of("+33612345001", "+33612345002", "+33612345003");
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final List<String> asked = new CopyOnWriteArrayList<>();
    private static final CountDownLatch hangUntil = new CountDownLatch(1);
    private static final HttpServer VENDOR = vendor();

    @Autowired
    KafkaSettings kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry registry;
    @Autowired
    org.springframework.boot.actuate.health.HealthContributorRegistry healthContributors;
    private final Health health = new Health();

    /** The stream's health as the actuator reports it, for a failure's message. */
    private final class Health {
        String health(String name) {
            var c = healthContributors.getContributor(name);
            return c instanceof org.springframework.boot.actuate.health.HealthIndicator h ? String.valueOf(h.health()) : String.valueOf(c);
        }
    }

    /** Every number starting +336123450 is out of service on its network; the one number hangs. */
    private static HttpServer vendor() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hlr/", exchange -> {
                String number = java.net.URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(5), StandardCharsets.UTF_8);
                asked.add(number + " " + exchange.getRequestHeaders().getFirst("Authorization"));
                if (number.equals(HANGING)) {
                    try {
                        hangUntil.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] out = (number.startsWith("+336123450")
                        ? "{\"status\":\"UNASSIGNED\",\"carrier\":\"Range Holder SA\",\"ported\":false}"
                        : "{\"status\":\"ASSIGNED\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            });
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                // Daemons: a handler still parked at the end must not keep the test JVM alive.
                Thread t = new Thread(r, "vendor");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void vendorUrl(DynamicPropertyRegistry r) {
        r.add("ringfence.number-lookup.url", () -> "http://127.0.0.1:" + VENDOR.getAddress().getPort() + "/hlr/{number}");
    }

    @AfterAll
    static void stopVendor() {
        hangUntil.countDown();
        VENDOR.stop(0);
    }

    @Test
    void answersReachTheRulesAndTheAlertNamesThemWhileAHangingLookupHoldsUpNoEvent() throws Exception {
        // A first sighting is never waited for: the warm-up line's calls (and one to the hanging number) are
        // enriched from the offline tables alone, and start the lookups.
        int id = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            for (String to : DESTINATIONS) {
                send(producer, call("lookup-" + (++id), WARM_UP_LINE, to, T0.plusSeconds(id * 60L), 20));
            }
            send(producer, call("lookup-hanging", WARM_UP_LINE, HANGING, T0.plusSeconds(300), 20));
        }
        await(() -> count("SELECT count(*) FROM event_history WHERE event_id LIKE 'lookup-%'") == 4);
        assertThat(asked).as("the hanging lookup did not hold the events behind it").contains(HANGING + " Bearer vendor-token");
        await(() -> lookups("answered") >= DESTINATIONS.size());

        // Now the line pumps the same numbers: once answered, they are high-cost, and IRSF-001 fires.
        Instant pump = T0.plusSeconds(600);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 5; i++) {
                send(producer, call("lookup-" + (++id), LINE, DESTINATIONS.get(i % DESTINATIONS.size()),
                        pump.plusSeconds(i * 720L), 540));
            }
        }
        await(() -> count("SELECT count(*) FROM alert_record WHERE subscriber = '" + LINE + "' AND rule_id = 'IRSF-001'") == 1);
        String payload = jdbc.queryForObject("SELECT payload FROM alert_record WHERE subscriber = ? AND rule_id = 'IRSF-001'",
                String.class, LINE);
        assertThat(payload).contains("\"latestRange\":\"Range Holder SA\"")
                .contains("+33612345001: hlr:vendor-test at ").contains(", unassigned, carrier Range Holder SA");
        await(() -> lookups("timeout") >= 1);
        assertThat(asked).as("home numbers are not looked up").noneMatch(a -> a.startsWith("+44"));
    }

    private double lookups(String outcome) {
        return registry.get("ringfence.number.lookups").tag("outcome", outcome).functionCounter().count();
    }

    private static String call(String id, String line, String to, Instant at, int seconds) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"VOICE\",\"timestamp\":\"" + at + "\",\"subscriber\":\"" + line
                + "\",\"direction\":\"MO\",\"aNumber\":\"" + line + "\",\"bNumber\":\"" + to
                + "\",\"answered\":true,\"durationSeconds\":" + seconds + "}";
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private void send(KafkaProducer<String, String> producer, String json) throws Exception {
        String subscriber = json.replaceAll(".*\"subscriber\":\"([^\"]+)\".*", "$1");
        producer.send(new ProducerRecord<>(kafka.topics().events(), subscriber, json)).get(30, TimeUnit.SECONDS);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within two minutes; events stored "
                        + count("SELECT count(*) FROM event_history WHERE event_id LIKE 'lookup-%'") + ", committed offsets "
                        + jdbc.queryForList("SELECT partition || ':' || next_offset FROM ingest_offset", String.class)
                        + ", lookups answered " + lookups("answered") + " timed out " + lookups("timeout") + ", vendor asked "
                        + asked + ", stream health " + health.health("stream"));
            }
            Thread.sleep(100);
        }
    }
}
