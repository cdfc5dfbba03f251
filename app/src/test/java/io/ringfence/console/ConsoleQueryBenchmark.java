package io.ringfence.console;

import io.ringfence.RingfenceApplication;
import io.ringfence.audit.DailyPartitions;
import io.ringfence.embedded.EmbeddedServers;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How fast the console's busiest reads answer on a store of a large operator's size (issue 16: the inbox and the
 * audit search within 300 ms with 100,000 cases and 10 million audit rows). Not a test: a measurement, run by hand
 * (docs/benchmarks.md) with {@code java -cp ... io.ringfence.console.ConsoleQueryBenchmark CASES AUDIT_ROWS [CALLS
 * [OPEN_EVERY]]}.
 *
 * <p>The service runs on the embedded servers; the store is seeded in SQL (cases with their tasks, one in ten open;
 * audit rows over 30 daily partitions, about five per subscriber), then each read is called over HTTP as the console
 * calls it. Demo sign-in checks a bcrypt password on every call, which a bearer token does not: {@code /api/v1/me}
 * is timed alike, so that what the query costs can be told from what the sign-in costs.
 */
public final class ConsoleQueryBenchmark {
    private static final int DAYS = 30;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-01");

    private ConsoleQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long auditRows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int openEvery = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        try (EmbeddedServers servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts",
                "fraud.decisions", "billing.refunds")) {
            Map<String, Object> p = new HashMap<>(servers.properties());
            p.put("ringfence.embedded.enabled", "false");
            p.put("ringfence.demo.enabled", "false");
            p.put("server.port", "0");
            p.put("ringfence.grpc.port", "0");
            // The running chain check would verify the seeded days (no chain: it reports them broken) while reads are timed.
            p.put("ringfence.audit.chain-watch.interval", "PT24H");
            // Heads of this throw-away store must not meet those another run published.
            p.put("ringfence.audit.heads.dir", java.nio.file.Files.createTempDirectory("console-bench-heads").toString());
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(RingfenceApplication.class)
                    .properties(p).profiles("demo").run()) {
                long t0 = System.nanoTime();
                seed(servers, cases, auditRows, openEvery);
                System.out.printf(Locale.ROOT, "seeded %,d cases (one in %d open) and %,d audit rows in %.0f s%n", cases,
                        openEvery, auditRows, (System.nanoTime() - t0) / 1e9);
                int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                String base = "http://127.0.0.1:" + port;
                // A number of the first day's row 12,345, as the seed derives them: about five rows per number in all.
                String someone = "+4477" + String.format("%08d", (12_345L + FIRST_DAY.getDayOfYear() * 104_729L) * 7919L
                        % 2_000_000L);
                List<String[]> reads = List.of(
                        new String[]{"sign-in only (/api/v1/me)", "handler1", "/api/v1/me"},
                        new String[]{"inbox, first page", "handler1", "/api/v1/tasks?size=50"},
                        new String[]{"inbox, by typology", "handler1", "/api/v1/tasks?typology=IRSF&size=50"},
                        new String[]{"inbox, supervisor", "supervisor1", "/api/v1/tasks?size=50"},
                        new String[]{"audit, by subscriber", "compliance1", "/api/v1/audit/decisions?subscriber="
                                + someone.replace("+", "%2B")},
                        new String[]{"audit, one day by typology and action", "compliance1",
                                "/api/v1/audit/decisions?typology=IRSF&action=BLOCK_SUBSCRIBER&from=2026-11-15T00:00:00Z"
                                        + "&to=2026-11-16T00:00:00Z"},
                        new String[]{"audit, last hour", "compliance1", "/api/v1/audit/decisions?from="
                                + FIRST_DAY.plusDays(DAYS - 1) + "T23:00:00Z&to=" + FIRST_DAY.plusDays(DAYS) + "T00:00:00Z"});
                HttpClient http = HttpClient.newHttpClient();
                System.out.println("| read | p50 ms | p95 ms | max ms | status |");
                System.out.println("|---|---:|---:|---:|---|");
                for (String[] r : reads) {
                    double[] ms = new double[calls];
                    int status = 0;
                    for (int i = -5; i < calls; i++) {
                        long s = System.nanoTime();
                        HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base + r[2]))
                                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                        (r[1] + ":ringfence-demo").getBytes(StandardCharsets.UTF_8))).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        status = a.statusCode();
                        if (i >= 0) {
                            ms[i] = (System.nanoTime() - s) / 1e6;
                        }
                    }
                    Arrays.sort(ms);
                    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", r[0], ms[calls / 2],
                            ms[(int) Math.ceil(calls * 0.95) - 1], ms[calls - 1], status);
                }
            }
        }
    }

    private static void seed(EmbeddedServers servers, int cases, long auditRows, int openEvery) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(servers.jdbcUrl());
        ds.setUser("postgres");
        ds.setPassword("postgres");
        List<LocalDate> days = new ArrayList<>(IntStream.range(0, DAYS).mapToObj(FIRST_DAY::plusDays).toList());
        new DailyPartitions(ds).ensure(DailyPartitions.Table.AUDIT_ENTRY, days);
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO fraud_case (case_id, decision_id, status, stage, typology, rule_id, severity, priority, queue,
                        sla_minutes, target_kind, target_value, subscriber, opened_by, opened_at, closed_at, handler)
                    SELECT md5('case' || i)::uuid, 'seed-' || i, CASE WHEN i %% %2$d = 0 THEN 'OPEN' ELSE 'CLOSED' END,
                        CASE WHEN i %% %2$d = 0 THEN 'Triage' END,
                        (ARRAY['IRSF','WANGIRI','SIMBOX','SIM_SWAP','SMS_PUMPING'])[1 + i %% 5], 'R-' || (i %% 40), 'HIGH',
                        1 + i %% 5, (ARRAY['fraud-irsf','fraud-general','fraud-ops'])[1 + i %% 3], 240, 'SUBSCRIBER',
                        '+44771' || lpad(i::text, 7, '0'), '+44771' || lpad(i::text, 7, '0'), 'ringfence',
                        now() - make_interval(mins => i), CASE WHEN i %% %2$d <> 0 THEN now() - make_interval(mins => i) + interval '2 hours' END,
                        CASE WHEN i %% %2$d <> 0 THEN 'handler' || (1 + i %% 4) END
                    FROM generate_series(1, %d) i""".formatted(cases, openEvery));
            s.execute("""
                    INSERT INTO case_task (task_id, case_id, name, status, groups, created_at, due_at, completed_at, completed_by)
                    SELECT 'seed-' || i || '-' || k, md5('case' || i)::uuid, (ARRAY['Triage','CustomerContact','RefundReview'])[k],
                        CASE WHEN i %% %2$d = 0 THEN 'Ready' ELSE 'Completed' END, ARRAY['case-handler'],
                        now() - make_interval(mins => i), now() - make_interval(mins => i) + interval '4 hours',
                        CASE WHEN i %% %2$d = 0 THEN NULL ELSE now() - make_interval(mins => i) + interval '1 hour' END,
                        CASE WHEN i %% %2$d = 0 THEN NULL ELSE 'handler' || (1 + i %% 4) END
                    FROM generate_series(1, %d) i CROSS JOIN LATERAL generate_series(1, CASE WHEN i %% %2$d = 0 THEN 1 ELSE 3 END) k
                    """.formatted(cases, openEvery));
            long perDay = auditRows / DAYS;
            for (LocalDate day : days) {
                s.execute("""
                        INSERT INTO audit_entry (recorded_at, chain_day, chain_seq, entry_kind, decision_id, actor, action,
                            emitted, target_kind, target_value, typology, subscriber, alert_ids, event_ids, rule_set_version,
                            decision_model, decision_model_version, payload, prev_hash, hash)
                        SELECT '%1$s'::date + make_interval(secs => q * 86400.0 / %2$d), '%1$s'::date, q, 'DECISION',
                            'seed-%1$s-' || q, 'ringfence', (ARRAY['BLOCK_SUBSCRIBER','OPEN_CASE','MONITOR','BLOCK_NUMBER'])[1 + q %% 4],
                            true, 'SUBSCRIBER', n, (ARRAY['IRSF','WANGIRI','SIMBOX','SIM_SWAP','SMS_PUMPING'])[1 + q %% 5], n,
                            ARRAY['alert-' || q], ARRAY['event-' || q, 'event-' || (q + 1)], '2026.12.1', 'disposition', '1.0',
                            '{"decisionId":"seed","reason":"IRSF","explanation":{"ruleId":"IRSF-001","figures":{"calls":38,'
                                || '"destinations":12},"score":0.97,"rows":[{"table":"disposition","row":7,"id":"D-07"}]}}',
                            '\\x00'::bytea, sha256(('%1$s' || q)::bytea)
                        FROM (SELECT q, '+4477' || lpad(((q::bigint + %3$d) * 7919 %% 2000000)::text, 8, '0') AS n
                              FROM generate_series(1, %2$d) q) g""".formatted(day, perDay, day.getDayOfYear() * 104_729));
            }
            s.execute("ANALYZE fraud_case; ANALYZE case_task; ANALYZE audit_entry");
        }
    }
}
