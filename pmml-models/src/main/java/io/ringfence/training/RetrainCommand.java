package io.ringfence.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.features.FeatureSchema;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pmml-models/train --service URL ...}: the feedback loop's training step. Reads the handlers' verdicts as
 * feature rows from a running service ({@code GET /api/v1/training/verdict-rows}), trains on the simulated days of
 * {@link TrainingConfig#SHIPPED} plus those rows (each counting {@code --weight} simulated rows), writes the PMML
 * and its model card, and with {@code --submit} submits the model as a change for a second analyst's approval,
 * with a backtest against the live model on the stored history of {@code --backtest-from}..{@code --backtest-to}.
 *
 * <p>Signs in as the service's other command-line clients do: {@code --user} with the password in
 * {@code RINGFENCE_PASSWORD}, or the bearer token in {@code RINGFENCE_TOKEN}.
 */
public final class RetrainCommand {
    static final float DEFAULT_WEIGHT = 50f;
    /** The most verdicts the service gives in one answer. */
    static final int MAX_CASES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command line, checked. */
    record Options(URI service, String user, Instant closedAfter, float weight, String version, Path out, boolean submit,
                   Instant backtestFrom, Instant backtestTo) {
    }

    /** What a run did: the trained model, and the change and backtest it submitted (null without --submit). */
    public record Outcome(Training.Result result, String changeId, String backtestId) {
        /** The verdict rows the model learnt from. */
        public List<VerdictRows.Row> rows() {
            return result.verdicts().rows();
        }

        /** The new model's score of each of them. */
        public double[] scores() {
            return result.verdicts().scores();
        }
    }

    private final Options options;
    private final Map<String, String> env;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RetrainCommand(Options options, Map<String, String> env, PrintStream log) {
        this.options = options;
        this.env = env;
        this.log = log;
    }

    /**
     * The command in this process.
     *
     * @throws IllegalArgumentException for a bad command line
     * @throws IllegalStateException    when the service refuses or nothing can be learnt
     */
    public static Outcome run(List<String> args, Map<String, String> env, PrintStream log)
            throws IOException, InterruptedException {
        return new RetrainCommand(parse(args.toArray(String[]::new)), env, log).run();
    }

    public static void main(String[] args) {
        try {
            run(List.of(args), System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("train: cannot reach the service (" + e + ")");
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static final String USAGE = "usage: train --service URL --version V [--user NAME] [--closed-after INSTANT] [--weight W]"
            + " [--out DIR] [--submit --backtest-from INSTANT --backtest-to INSTANT]";

    private static final List<String> OPTIONS = List.of("--service", "--user", "--closed-after", "--weight", "--version",
            "--out", "--backtest-from", "--backtest-to");

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean submit = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--submit")) {
                submit = true;
            } else if (a.startsWith("--") && i + 1 < args.length) {
                given.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected '" + a + "'; " + USAGE);
            }
        }
        List<String> unknown = new ArrayList<>(given.keySet());
        unknown.removeAll(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + unknown.get(0) + "; " + USAGE);
        }
        if (!given.containsKey("--service") || !given.containsKey("--version")) {
            throw new IllegalArgumentException(USAGE);
        }
        float weight = given.containsKey("--weight") ? number(given.get("--weight")) : DEFAULT_WEIGHT;
        Instant from = instant(given, "--backtest-from");
        Instant to = instant(given, "--backtest-to");
        if (submit && (from == null || to == null || !from.isBefore(to))) {
            throw new IllegalArgumentException("--submit needs --backtest-from before --backtest-to: the approver reads "
                    + "the backtest against the live model");
        }
        String service = given.get("--service").replaceAll("/+$", "");
        return new Options(URI.create(service), given.get("--user"), instant(given, "--closed-after"), weight,
                given.get("--version"), Path.of(given.getOrDefault("--out", "pmml-models/target/retrained")), submit, from, to);
    }

    Outcome run() throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/training/verdict-rows?limit=" + MAX_CASES
                + (options.closedAfter() == null ? "" : "&closedAfter=" + enc(options.closedAfter().toString())));
        List<VerdictRows.Row> rows = rows(answer);
        log.printf(Locale.ROOT, "%d verdicts gave %d rows (%d fraud) from %d stored events; skipped: %s%n",
                answer.path("cases").asInt(), rows.size(), rows.stream().filter(VerdictRows.Row::fraud).count(),
                answer.path("events").asLong(), answer.path("skipped"));
        if (answer.path("cases").asInt() >= MAX_CASES) {
            log.printf(Locale.ROOT, "warning: the service gave the first %d verdicts closed since %s; later ones are not "
                    + "in this model (train again with a later --closed-after)%n", MAX_CASES, options.closedAfter());
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no verdict gave a row: nothing to learn from (close cases with a verdict first)");
        }
        TrainingConfig config = TrainingConfig.SHIPPED.withVersion(options.version());
        Training.Result r = Training.run(config, rows, options.weight());
        try {
            Files.createDirectories(options.out());
            Files.write(options.out().resolve(TrainCommand.PMML_FILE), r.pmml());
            ModelCard card = new ModelCard(r, Instant.now());
            Files.writeString(options.out().resolve(TrainCommand.CARD_FILE), card.markdown());
            Files.writeString(options.out().resolve(TrainCommand.CARD_JSON_FILE), card.json());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the model to " + options.out() + ": " + e, e);
        }
        log.printf(Locale.ROOT, "wrote %s %s (sha256 %s) and its card to %s: held-out AUC %.4f%n", ModelTrainer.MODEL_NAME,
                options.version(), r.model().sha256(), options.out(), r.heldOutAuc());
        if (!options.submit()) {
            return new Outcome(r, null, null);
        }
        String summary = "Retrained on " + rows.size() + " rows of " + answer.path("cases").asInt()
                + " case verdicts (each counting " + fmt(options.weight()) + " simulated rows) and simulator seed "
                + config.seed();
        JsonNode change = send(HttpRequest.newBuilder(uri("/api/v1/changes/scoring-model?summary=" + enc(summary)))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(r.pmml())));
        String changeId = change.path("changeId").asText();
        log.printf(Locale.ROOT, "submitted as change %s; starting its backtest%n", changeId);
        JsonNode backtest = send(HttpRequest.newBuilder(uri("/api/v1/changes/" + changeId + "/backtests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                        .put("from", options.backtestFrom().toString()).put("to", options.backtestTo().toString()).toString())));
        String backtestId = backtest.path("backtestId").asText();
        log.printf(Locale.ROOT, "backtest %s against the live model is running; change %s waits for approval "
                + "(the console's Approvals page shows both)%n", backtestId, changeId);
        return new Outcome(r, changeId, backtestId);
    }

    /** The rows of the service's answer, refused if the service computes another feature schema than this trainer. */
    static List<VerdictRows.Row> rows(JsonNode answer) {
        if (!FeatureSchema.VERSION.equals(answer.path("featureSchema").asText())
                || !FeatureSchema.NAMES.equals(JSON.convertValue(answer.path("features"), List.class))) {
            throw new IllegalStateException("the service's features are schema " + answer.path("featureSchema").asText()
                    + ", this trainer's " + FeatureSchema.VERSION + ": train with the release the service runs");
        }
        List<VerdictRows.Row> rows = new ArrayList<>();
        for (JsonNode n : answer.path("rows")) {
            double[] f = new double[FeatureSchema.size()];
            JsonNode values = n.path("features");
            if (values.size() != f.length) {
                throw new IllegalStateException("a row of case " + n.path("caseRef").asText() + " has " + values.size()
                        + " features, not " + f.length);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = values.get(i).asDouble();
            }
            rows.add(new VerdictRows.Row(n.path("caseRef").asText(), n.path("typology").asText(), n.path("fraud").asBoolean(),
                    Instant.parse(n.path("at").asText()).toEpochMilli(), f));
        }
        return rows;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.header("Authorization", authorization()).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(10)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            JsonNode problem = readOrNull(response.body());
            String detail = problem != null && problem.hasNonNull("detail") ? problem.path("detail").asText() : response.body();
            throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                    + response.statusCode() + ": " + detail);
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode readOrNull(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private String authorization() {
        if (options.user() == null) {
            String token = env.get("RINGFENCE_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("sign in: --user with RINGFENCE_PASSWORD, or RINGFENCE_TOKEN");
            }
            return "Bearer " + token.trim();
        }
        String password = env.get("RINGFENCE_PASSWORD");
        if (password == null) {
            throw new IllegalArgumentException("--user needs its password in RINGFENCE_PASSWORD");
        }
        return "Basic " + Base64.getEncoder().encodeToString((options.user() + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(options.service() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Instant instant(Map<String, String> given, String option) {
        String v = given.get(option);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": an instant such as 2026-03-02T00:00:00Z (found '" + v + "')");
        }
    }

    private static float number(String v) {
        try {
            float w = Float.parseFloat(v);
            if (w > 0 && w <= 10_000) {
                return w;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new IllegalArgumentException("--weight: a number above 0, at most 10000 (found '" + v + "')");
    }

    private static String fmt(float w) {
        return w == Math.rint(w) ? Integer.toString((int) w) : Float.toString(w);
    }
}
