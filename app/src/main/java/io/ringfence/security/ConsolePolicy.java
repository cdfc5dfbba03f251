package io.ringfence.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The console's Content-Security-Policy: scripts only from Ringfence itself, and no inline script but the
 * DMN editor's envelope, allowed by the hash the ui build records (the editor writes it into an iframe's
 * srcdoc, which inherits this policy). A script injected into a page, through a value the service returned
 * or an extension's markup, does not run, so it cannot read the tokens the tab holds. Styles may be inline:
 * the editor's components write their own.
 */
final class ConsolePolicy {
    static final String HEADER = "Content-Security-Policy";
    /** Written by ui/build.mjs beside the editor it copies. */
    static final String HASHES = "META-INF/resources/assets/dmn-editor/script-hashes.txt";
    private static final Pattern HASH = Pattern.compile("sha256-[A-Za-z0-9+/]{43}=");

    private ConsolePolicy() {
    }

    /** @param issuer the OIDC issuer the console signs in at, or blank (demo sign-in) */
    static String of(String issuer, List<String> scriptHashes) {
        StringBuilder scripts = new StringBuilder("'self'");
        scriptHashes.forEach(h -> scripts.append(" '").append(h).append('\''));
        String connect = "'self'" + (issuer == null || issuer.isBlank() ? "" : " " + origin(issuer));
        return "default-src 'self'; script-src " + scripts + "; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; font-src 'self' data:; connect-src " + connect + "; "
                + "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** The hashes the ui build wrote; none when the console is not on the class path (an API-only build). */
    static List<String> scriptHashes(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(HASHES)) {
            if (in == null) {
                return List.of();
            }
            List<String> hashes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String h = line.strip();
                if (!h.isEmpty()) {
                    if (!HASH.matcher(h).matches()) {
                        throw new IllegalStateException(HASHES + " holds '" + h + "', not a sha256 source hash");
                    }
                    hashes.add(h);
                }
            }
            return List.copyOf(hashes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HASHES, e);
        }
    }

    static String origin(String issuer) {
        URI u = URI.create(issuer.strip());
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("the OIDC issuer '" + issuer + "' is not an absolute URL");
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }
}
