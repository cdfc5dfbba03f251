package io.ringfence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The backtest job from a terminal or a script: the same job as the API and the console (docs/governance.md),
 * asked of a running service, followed to its end, its summary printed.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backtests a submitted change on a running service: on a range of its stored history, or on a",
                "file of events (JSON Lines or CSV CDRs, gzip or not) sent to it, beside the live versions.",
                "Signs in with --user and the password in RINGFENCE_PASSWORD (or --password-file), or with the",
                "bearer token in RINGFENCE_TOKEN (OIDC). Prints progress, then what the change adds, removes and",
                "changes per typology.",
                "Exit code 0: done; " + BacktestCommand.NOT_DONE + ": the backtest failed or was cancelled; 1: the service "
                        + "refused the request or could not be reached."})
final class BacktestCommand implements Callable<Integer> {
    static final int NOT_DONE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--service", required = true, paramLabel = "URL", description = "e.g. https://ringfence.example")
    URI service;

    @Option(names = "--change", required = true, paramLabel = "ID", description = "the submitted change to backtest")
    String change;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @ArgGroup(exclusive = false)
        Range range;

        @Option(names = "--events", paramLabel = "FILE",
                description = "a file of events to run on (.jsonl, .ndjson, .json or .csv, each optionally .gz)")
        Path events;
    }

    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "start of the stored history's range, e.g. 2026-03-02T00:00:00Z")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "end of the range (not included)")
        Instant to;
    }

    @Option(names = "--user", paramLabel = "USER", description = "sign in as USER (HTTP Basic, the demo's sign-in)")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the password (default: RINGFENCE_PASSWORD)")
    Path passwordFile;

    @Option(names = "--poll", defaultValue = "PT1S", paramLabel = "DURATION", description = "default: ${DEFAULT-VALUE}")
    Duration poll;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String authorization = authorization();
        JsonNode job = start(authorization);
        String id = job.path("backtestId").asText();
        out.printf(Locale.ROOT, "backtest %s of change %s (%s %s live, %s draft)%n", id, change,
                job.path("kind").asText().toLowerCase(Locale.ROOT).replace('_', ' '), job.path("liveVersion").asText(),
                job.path("draftVersion").asText());
        JsonNode in = job.path("input");
        if (in.isObject()) {
            out.printf(Locale.ROOT, "file %s: %,d events, %,d rows not events%n", in.path("name").asText(),
                    in.path("accepted").asLong(), in.path("rejected").asLong());
            for (JsonNode r : in.path("rejections")) {
                out.printf(Locale.ROOT, "  line %d%s: %s%n", r.path("line").asLong(),
                        r.path("field").isTextual() ? " (" + r.path("field").asText() + ")" : "", r.path("reason").asText());
            }
        }
        out.flush();
        long shown = -1;
        while (!finished(job)) {
            sleep();
            job = call("GET", "/api/v1/backtests/" + id, authorization, null, null);
            long done = job.path("eventsDone").asLong();
            if (done != shown && job.path("eventsTotal").isNumber()) {
                out.printf(Locale.ROOT, "%s %,d of %,d events%n", job.path("status").asText(), done,
                        job.path("eventsTotal").asLong());
                out.flush();
                shown = done;
            }
        }
        if (!"DONE".equals(job.path("status").asText())) {
            out.printf(Locale.ROOT, "%s: %s%n", job.path("status").asText(), job.path("reason").asText());
            return NOT_DONE;
        }
        summary(out, job.path("summary"));
        return 0;
    }

    private JsonNode start(String authorization) {
        String path = "/api/v1/changes/" + URLEncoder.encode(change, StandardCharsets.UTF_8) + "/backtests";
        if (input.events != null) {
            if (!Files.isReadable(input.events)) {
                throw new CliException("cannot read " + input.events);
            }
            String name = input.events.getFileName().toString();
            String type = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "application/gzip"
                    : name.toLowerCase(Locale.ROOT).endsWith(".csv") ? "text/csv" : "application/x-ndjson";
            try {
                return call("POST", path + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), authorization, type,
                        HttpRequest.BodyPublishers.ofFile(input.events));
            } catch (java.io.FileNotFoundException e) {
                throw new CliException("cannot read " + input.events, e);
            }
        }
        String body = JSON.createObjectNode().put("from", input.range.from.toString()).put("to", input.range.to.toString())
                .toString();
        return call("POST", path, authorization, "application/json", HttpRequest.BodyPublishers.ofString(body));
    }

    private JsonNode call(String method, String path, String authorization, String type, HttpRequest.BodyPublisher body) {
        // Appended, not resolved: a service behind a path prefix (https://host/ringfence) keeps it.
        String base = service.toString().replaceAll("/+$", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Accept", "application/json").header("X-Requested-With", "ringfence-cli")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("cannot reach " + service + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
        JsonNode answer;
        try {
            answer = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CliException(method + " " + path + " answered " + r.statusCode() + ", not JSON", e);
        }
        if (r.statusCode() >= 400) {
            StringBuilder why = new StringBuilder(method + " " + path + " refused (" + r.statusCode() + "): "
                    + answer.path("title").asText("") + " - " + answer.path("detail").asText(""));
            for (JsonNode x : answer.path("input").path("rejections")) {
                why.append(String.format(Locale.ROOT, "%n  line %d: %s", x.path("line").asLong(), x.path("reason").asText()));
            }
            throw new CliException(why.toString());
        }
        return answer;
    }

    private String authorization() {
        String token = System.getenv("RINGFENCE_TOKEN");
        if (user == null) {
            if (token == null || token.isBlank()) {
                throw new CliException("sign in: --user with RINGFENCE_PASSWORD (or --password-file), or RINGFENCE_TOKEN");
            }
            return "Bearer " + token.trim();
        }
        String password;
        try {
            password = passwordFile != null ? Files.readString(passwordFile).strip() : System.getenv("RINGFENCE_PASSWORD");
        } catch (IOException e) {
            throw new CliException("cannot read " + passwordFile, e);
        }
        if (password == null) {
            throw new CliException("--user needs a password: RINGFENCE_PASSWORD or --password-file");
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean finished(JsonNode job) {
        return switch (job.path("status").asText()) {
            case "DONE", "FAILED", "CANCELLED" -> true;
            default -> false;
        };
    }

    private static void summary(PrintWriter out, JsonNode s) {
        out.printf(Locale.ROOT, "over %,d events: live %,d alerts and %,d decisions; draft %,d and %,d%n",
                s.path("events").asLong(), s.path("live").path("alerts").asLong(), s.path("live").path("decisions").asLong(),
                s.path("draft").path("alerts").asLong(), s.path("draft").path("decisions").asLong());
        out.printf(Locale.ROOT, "%-24s %8s %8s %8s %10s %10s %10s%n", "typology", "alerts+", "alerts-", "alerts~",
                "decisions+", "decisions-", "decisions~");
        row(out, "(all)", s.path("all"));
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("byTypology").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(out, e.getKey(), e.getValue());
        }
        JsonNode fraud = s.path("all").path("onConfirmedFraud");
        JsonNode fp = s.path("all").path("onFalsePositives");
        out.printf(Locale.ROOT, "decisions that differ on lines later confirmed as fraud: %d added, %d removed, %d changed; "
                        + "on lines cleared as false positives: %d, %d, %d%n", fraud.path("added").asLong(),
                fraud.path("removed").asLong(), fraud.path("changed").asLong(), fp.path("added").asLong(),
                fp.path("removed").asLong(), fp.path("changed").asLong());
        if (s.path("refused").asLong() > 0 || s.path("liveFaults").asLong() > 0 || s.path("draftFaults").asLong() > 0) {
            out.printf(Locale.ROOT, "refused (clock jumps): %d; stage failures: live %d, draft %d%n", s.path("refused").asLong(),
                    s.path("liveFaults").asLong(), s.path("draftFaults").asLong());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, JsonNode g) {
        out.printf(Locale.ROOT, "%-24s %8d %8d %8d %10d %10d %10d%n", name, g.path("alerts").path("added").asLong(),
                g.path("alerts").path("removed").asLong(), g.path("alerts").path("changed").asLong(),
                g.path("decisions").path("added").asLong(), g.path("decisions").path("removed").asLong(),
                g.path("decisions").path("changed").asLong());
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }
}
