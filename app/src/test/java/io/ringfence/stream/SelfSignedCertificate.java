package io.ringfence.stream;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for localhost and 127.0.0.1 as the PEM files servers read; the certificate is its own CA. */
final class SelfSignedCertificate {
    private static final String STORE_PASSWORD = "keystore-secret";

    private SelfSignedCertificate() {
    }

    /** Writes the certificate to {@code cert} and {@code ca}, its private key (mode 0600) to {@code key}. */
    static void write(Path cert, Path key, Path ca) throws Exception {
        Path p12 = cert.resolveSibling(cert.getFileName() + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        Key k = store.getKey("server", STORE_PASSWORD.toCharArray());
        String pem = pem("CERTIFICATE", store.getCertificate("server").getEncoded());
        Files.writeString(cert, pem);
        Files.writeString(ca, pem);
        Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------")); // PostgreSQL insists
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
