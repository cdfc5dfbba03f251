package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Keycloak for the console's OIDC sign-in: the distribution the demo's test build unpacks
 * ({@code ringfence.keycloak.home}), started in dev mode on 127.0.0.1 with the shipped realm
 * ({@code ringfence.keycloak.realm}), as app's security tests start theirs. Two test-only changes to the
 * realm's console client: the console's address of this run among its redirect URIs (the shipped realm
 * lists port 8080), and a short access-token life, so the console's refresh runs while the test watches.
 * Its log is {@code target/keycloak.log}; the first start after unpacking runs Keycloak's build step.
 */
final class KeycloakRealm implements AutoCloseable {
    static final String REALM = "ringfence";
    static final String CONSOLE_CLIENT = "ringfence-ui";
    /** Seconds; the console refreshes half-way through a life this short. */
    static final int ACCESS_TOKEN_SECONDS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final Process process;
    private final int port;

    private KeycloakRealm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** Keycloak with the realm, its console client answering the console at {@code consoleOrigin}. */
    static KeycloakRealm start(String consoleOrigin) {
        Path home = Path.of(System.getProperty("ringfence.keycloak.home", "target/keycloak/keycloak-26.7.3"));
        Path realmFile = Path.of(System.getProperty("ringfence.keycloak.realm", "../docs/keycloak/ringfence-realm.json"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home.toAbsolutePath()
                    + ": the demo's test build unpacks it (without -Dkeycloak.unpack.skip=true)");
        }
        try {
            Path data = home.resolve("data");
            deleteTree(data);
            Path imports = Files.createDirectories(data.resolve("import"));
            JSON.writeValue(imports.resolve("ringfence.json").toFile(), forConsoleAt(JSON.readTree(realmFile.toFile()), consoleOrigin));
            int port = freePort();
            Path log = Path.of("target", "keycloak.log").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            KeycloakRealm keycloak = new KeycloakRealm(pb.start(), port);
            keycloak.awaitRealm(log);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    private static JsonNode forConsoleAt(JsonNode realm, String origin) {
        JsonNode copy = realm.deepCopy();
        for (JsonNode client : copy.path("clients")) {
            if (CONSOLE_CLIENT.equals(client.path("clientId").asText())) {
                ((ArrayNode) client.withArray("redirectUris")).add(origin + "/*");
                ((ObjectNode) client).withObject("/attributes").put("access.token.lifespan", String.valueOf(ACCESS_TOKEN_SECONDS));
                return copy;
            }
        }
        throw new IllegalStateException("the shipped realm has no client " + CONSOLE_CLIENT);
    }

    private void awaitRealm(Path log) {
        HttpClient http = HttpClient.newHttpClient();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > until) {
                close();
                throw new IllegalStateException("Keycloak did not serve its realm within " + START_TIMEOUT + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Keycloak's java process is kc.sh's child: the whole tree gets the signal, then whatever is left is killed. */
    @Override
    public void close() {
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

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
