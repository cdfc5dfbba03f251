package io.ringfence.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak for the tests: the distribution the build unpacks into {@code target/keycloak}
 * ({@code ringfence.keycloak.home}), started in dev mode on 127.0.0.1 with the shipped realm
 * ({@code docs/keycloak/ringfence-realm.json}) plus test-only users and a short-lived client, and a
 * second realm {@code other} (another issuer). Started once per test JVM, on first use, and stopped
 * with the JVM. Its log is {@code target/keycloak.log}.
 *
 * <p>Each start begins from an empty database, so the realms are always those in the files. The first
 * start after unpacking also runs Keycloak's build step (about a minute and a half here).
 */
public final class KeycloakServer {
    public static final String REALM = "ringfence";
    public static final String OTHER_REALM = "other";
    public static final String UI_CLIENT = "ringfence-ui";
    /** Test-only client whose access tokens live one second. */
    public static final String SHORT_CLIENT = "ringfence-test-short";
    /** Password of the test-only users ({@code only-<role>}, {@code no-role}). */
    public static final String TEST_PASSWORD = "ringfence-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static KeycloakServer instance;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The running server, started on the first call. */
    public static synchronized KeycloakServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "keycloak-stop"));
        }
        return instance;
    }

    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** An access token from the password grant (the client must allow direct access grants). */
    public String token(String realm, String client, String user, String password) {
        return tokenFrom(realm, Map.of("grant_type", "password", "client_id", client, "username", user, "password", password));
    }

    /** An access token of a confidential client's service account (client credentials grant). */
    public String serviceToken(String realm, String client, String secret) {
        return tokenFrom(realm, Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    private String tokenFrom(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token from realm " + realm + " for " + form.get("username")
                    + form.getOrDefault("client_id", "") + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeycloakServer start() {
        Path home = Path.of(System.getProperty("ringfence.keycloak.home", "target/keycloak/keycloak-26.7.3"));
        Path realmFile = Path.of(System.getProperty("ringfence.keycloak.realm", "../docs/keycloak/ringfence-realm.json"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home.toAbsolutePath()
                    + ": the test build unpacks it (mvn -pl app -am test-compile, without -DskipTests)");
        }
        try {
            Path data = home.resolve("data");
            deleteTree(data);
            Path imports = Files.createDirectories(data.resolve("import"));
            JSON.writeValue(imports.resolve("ringfence.json").toFile(), withTestAdditions(JSON.readTree(realmFile.toFile())));
            JSON.writeValue(imports.resolve("other.json").toFile(), resource("keycloak/other-realm.json"));
            int port = freePort();
            Path log = Path.of("target", "keycloak.log").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            long started = System.nanoTime();
            KeycloakServer server = new KeycloakServer(pb.start(), port);
            server.awaitRealms(log);
            System.out.printf("Keycloak ready on 127.0.0.1:%d in %d s (log %s)%n", port,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    /** The test-only clients and users of {@code keycloak/ringfence-test-additions.json}, added to the shipped realm. */
    private static JsonNode withTestAdditions(JsonNode realm) throws IOException {
        JsonNode additions = resource("keycloak/ringfence-test-additions.json");
        ObjectNode merged = realm.deepCopy();
        for (String field : List.of("clients", "users")) {
            ((ArrayNode) merged.withArray(field)).addAll((ArrayNode) additions.path(field));
        }
        return merged;
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            // Notes for readers of the file; Keycloak's importer knows no such field.
            node.remove("_comment");
            return node;
        }
    }

    private void awaitRealms(Path log) {
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        for (String realm : List.of(REALM, OTHER_REALM)) {
            URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > until) {
                    stop();
                    throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + START_TIMEOUT
                            + "; see " + log);
                }
                try {
                    if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                pause();
            }
        }
    }

    /** Keycloak's java process is kc.sh's child: the whole tree gets the signal, then whatever is left is killed. */
    void stop() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
