package io.ringfence.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.RingfenceApplication;
import io.ringfence.web.ApiOperations.Operation;
import io.ringfence.web.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standing hostile-client suite (issue 20, finding 8): every operation of the service's own OpenAPI document,
 * {@value #PER_OPERATION} seeded requests each, spoiled one way at a time ({@link Spoilers}: wrong types, 1 MiB
 * strings, deep nesting, unicode tricks, control characters and injection in headers, odd ids and path traversal,
 * paging extremes, odd and wildcard content types and Accept headers, malformed request lines, broken bodies), sent
 * over a raw socket as every role, anonymously and with broken credentials, to the service as it runs (Tomcat,
 * Spring Security, the embedded PostgreSQL). Every answer must come within {@value #SILENCE_MS} ms of silence, never
 * be a 5xx, never show a stack trace or an exception's class, be problem+json when it is a 4xx, never be a 2xx to a
 * caller without the operation's role; and a refused call to an operation that writes must leave the tables it
 * could write as they were. Same configuration as HostileHttpTest, so the two share one context.
 */
@SpringBootTest(classes = RingfenceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringfence.demo.enabled=false", "ringfence.grpc.port=0", "ringfence.screening.deny-high-risk-ranges=true"})
class HostileClientFuzzTest {
    static final long SEED = 2008;
    static final int PER_OPERATION = 40;
    /** Not a speed check: a call that stays silent this long is hanging, and that is a failure. */
    static final int SILENCE_MS = 30_000;
    private static final String PASSWORD = "ringfence-demo";
    private static final String ANY_SIGNED_IN = "isAuthenticated()";
    /** An operation anyone may call, signed in or not (how the console signs in). */
    private static final String ANYONE = "permitAll()";
    /** A stack trace line, or a Java exception's class name. */
    private static final Pattern LEAK = Pattern.compile("\\n\\s*at [\\w$.]+\\(|\\b(java|javax|jakarta|org|com|io)\\.[\\w$.]+"
            + "(Exception|Error)\\b|\\b\\w+Exception\\b|Caused by:");
    private static final Pattern ROLE = Pattern.compile("'([^']+)'");
    /** What a refused call must not have changed: the tables an API call can write (the audit trail aside). */
    private static final String WRITTEN = "SELECT concat_ws(' ',"
            + " (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.case_id), '')) FROM fraud_case t),"
            + " (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.task_id), '')) FROM case_task t),"
            + " (SELECT count(*) FROM case_history),"
            + " (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.change_id), '')) FROM asset_change t),"
            + " (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM asset_live t),"
            + " (SELECT count(*) FROM backtest),"
            + " (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM active_block t),"
            + " (SELECT last_value FROM outbox_id_seq))";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private record Caller(String name, String authorization, Set<String> roles) {
    }

    private static final List<Caller> CALLERS = List.of(
            user("handler1", "case-handler"), user("supervisor1", "case-handler", "supervisor"),
            user("analyst1", "fraud-analyst"), user("compliance1", "compliance-officer"),
            user("switch1", "switch-client"), user("admin1", "admin"));
    private static final List<Caller> STRANGERS = List.of(
            new Caller("anonymous", null, Set.of()),
            new Caller("a wrong password", basic("supervisor1:wrong"), Set.of()),
            new Caller("Basic that is not base64", "Basic !!!not-base64", Set.of()),
            new Caller("Basic without a colon", basic("supervisor1"), Set.of()),
            new Caller("an empty Basic", "Basic ", Set.of()),
            new Caller("a made-up bearer token", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", Set.of()),
            new Caller("an unknown scheme", "Negotiate YWJj", Set.of()),
            new Caller("a NUL in the user name", basic("supervisor1\u0000:" + PASSWORD), Set.of()),
            new Caller("a 4,000-character user", basic("u".repeat(4_000) + ":" + PASSWORD), Set.of()));

    private static Caller user(String name, String... roles) {
        return new Caller(name, basic(name + ":" + PASSWORD), Set.of(roles));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyOperationAnswersAHostileClientWithAProblemAndWritesNothingItRefuses() throws Exception {
        Answer docs = RawHttp.send(port, new RawRequest("GET", "/v3/api-docs")
                .header("Authorization", CALLERS.get(1).authorization()).bytes(port), SILENCE_MS);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode document = WellFormedRequests.JSON.readTree(docs.body());
        List<Operation> operations = ApiOperations.from(document);
        Map<String, Set<String>> roles = rolesByOperation();
        assertThat(operations.stream().map(Operation::toString).toList()).as("the OpenAPI document lists every API handler")
                .containsAll(roles.keySet());

        Random random = new Random(SEED);
        WellFormedRequests valid = new WellFormedRequests(document, random);
        List<Spoilers.Spoiler> spoilers = new Spoilers(random).all();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        long started = System.nanoTime();
        // Every request and its answer, for whoever reads a failure: the target folder, never committed.
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of("target", "hostile-client-suite.log")));
        for (Operation op : operations) {
            Set<String> allowed = roles.getOrDefault(op.toString(), Set.of());
            for (int i = 0; i < PER_OPERATION; i++) {
                Caller caller = caller(random, allowed);
                RawRequest r = valid.of(op);
                if (caller.authorization() != null) {
                    r.header("Authorization", caller.authorization());
                }
                spoilers.get(i % spoilers.size()).spoil(op, r);
                String before = op.writes() ? written() : null;
                String seen = op + " as " + caller.name() + ": " + r.describe();
                sent++;
                long t0 = System.nanoTime();
                Answer a;
                try {
                    a = r.version.isEmpty() ? RawHttp.sendHttp09(port, r.bytes(port), SILENCE_MS)
                            : RawHttp.send(port, r.bytes(port), SILENCE_MS);
                } catch (RawHttp.NoAnswer e) {
                    failures.add(seen + " got " + e.getMessage());
                    log.printf("%s -> %s%n", seen, e.getMessage());
                    continue;
                }
                log.printf("%s -> %d in %d ms%n", seen, a.status(), (System.nanoTime() - t0) / 1_000_000);
                statuses.merge(a.status(), 1, Integer::sum);
                check(seen, r, a, caller, allowed, failures);
                if (before != null && a.status() >= 400 && !before.equals(written())) {
                    failures.add(seen + " answered " + a.status() + " but changed what the API writes");
                }
            }
        }
        log.close();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("Hostile-client suite: %d requests over %d operations (seed %d) in %d s; answers by status %s;"
                + " %d failures%n", sent, operations.size(), SEED, seconds, statuses, failures.size());
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThanOrEqualTo(30);
        assertThat(failures).as(failures.size() + " of " + sent + " hostile requests were answered wrongly:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size())))).isEmpty();
    }

    /** Mostly a caller the operation admits, so that spoiled requests get past sign-in and reach the handler. */
    private static Caller caller(Random random, Set<String> allowed) {
        int dice = random.nextInt(20);
        if (dice < 4) {
            return STRANGERS.get(random.nextInt(STRANGERS.size()));
        }
        List<Caller> admitted = CALLERS.stream().filter(c -> admits(allowed, c)).toList();
        if (dice < 8 || admitted.isEmpty()) {
            return CALLERS.get(random.nextInt(CALLERS.size()));
        }
        return admitted.get(random.nextInt(admitted.size()));
    }

    private static boolean admits(Set<String> allowed, Caller c) {
        if (allowed.contains(ANYONE)) {
            return true;
        }
        return c.authorization() != null && !c.roles().isEmpty()
                && (allowed.contains(ANY_SIGNED_IN) || c.roles().stream().anyMatch(allowed::contains));
    }

    private static void check(String seen, RawRequest r, Answer a, Caller caller, Set<String> allowed,
                              List<String> failures) {
        String type = a.header("Content-Type") == null ? "(no type)" : a.header("Content-Type");
        String answered = seen + " answered " + a.status() + " " + type + " "
                + (a.body().length() > 300 ? a.body().substring(0, 300) + "..." : a.body());
        if (a.status() >= 500 && !protocolRefusal(r, a.status())) {
            failures.add(answered);
            return;
        }
        if (LEAK.matcher(a.body()).find()) {
            failures.add(answered + " [shows a stack trace or an exception]");
        }
        if (a.status() >= 200 && a.status() < 300 && !admits(allowed, caller)) {
            failures.add(answered + " [a 2xx to a caller without the role]");
        }
        if (a.status() >= 400) {
            if (!type.startsWith("application/problem+json")) {
                failures.add(answered + " [a 4xx that is not problem+json]");
                return;
            }
            try {
                JsonNode problem = WellFormedRequests.JSON.readTree(a.body());
                if (problem.path("status").asInt() != a.status() || problem.path("title").asText().isEmpty()) {
                    failures.add(answered + " [a problem whose status or title is wrong]");
                }
            } catch (Exception e) {
                failures.add(answered + " [a problem that is not JSON]");
            }
        }
    }

    /**
     * The two 5xx answers HTTP itself prescribes for a client's request, given by Tomcat before the service sees it:
     * 501 for CONNECT (RFC 9110 9.3.6: a server that is no proxy does not implement it) and 505 for an HTTP major
     * version it does not speak. Both are still checked as problems.
     */
    private static boolean protocolRefusal(RawRequest r, int status) {
        return status == 501 && r.method.equals("CONNECT") || status == 505 && !r.version.startsWith("HTTP/1.");
    }

    /** What the tables an API call can write hold (a digest, or how many rows). */
    private String written() {
        return jdbc.queryForObject(WRITTEN, String.class);
    }

    /** The roles of each API handler's {@code @PreAuthorize}, by "METHOD /path/{template}" as OpenAPI names it. */
    private Map<String, Set<String>> rolesByOperation() {
        Map<String, Set<String>> roles = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlers.getHandlerMethods().entrySet()) {
            HandlerMethod h = e.getValue();
            if (!h.getBeanType().getName().startsWith("io.ringfence.") || h.getBeanType() == ProblemErrorController.class) {
                continue;
            }
            PreAuthorize p = AnnotatedElementUtils.findMergedAnnotation(h.getMethod(), PreAuthorize.class);
            if (p == null) {
                p = AnnotatedElementUtils.findMergedAnnotation(h.getBeanType(), PreAuthorize.class);
            }
            Set<String> allowed = new TreeSet<>();
            if (p != null && (p.value().equals(ANY_SIGNED_IN) || p.value().equals(ANYONE))) {
                allowed.add(p.value());
            } else if (p != null) {
                Matcher m = ROLE.matcher(p.value());
                while (m.find()) {
                    allowed.add(m.group(1));
                }
            }
            for (String path : e.getKey().getPatternValues()) {
                for (var method : e.getKey().getMethodsCondition().getMethods()) {
                    roles.computeIfAbsent(method.name() + " " + path, k -> new HashSet<>()).addAll(allowed);
                }
            }
        }
        return roles;
    }
}
