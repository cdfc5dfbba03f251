package io.ringfence.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 keys that sign published audit chain heads, as PEM files (PKCS#8 private key, X.509
 * public key) kept outside the database: whoever can rewrite the database must not be able to sign.
 */
public final class HeadSigningKeys {
    private static final String ALGORITHM = "Ed25519";

    private HeadSigningKeys() {
    }

    /** A fresh key pair written to both files (the private one readable by its owner only, where the file system allows). */
    public static KeyPair generate(Path privateKeyFile, Path publicKeyFile) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            Files.createDirectories(publicKeyFile.toAbsolutePath().getParent());
            Files.writeString(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(privateKeyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's permissions apply
            }
            Files.writeString(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the head-signing key to " + privateKeyFile, e);
        }
    }

    public static PrivateKey readPrivate(Path pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublic(Path pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    /** A short name of a public key, written into every statement so that a rotated key is told apart. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the two keys are a pair: a signature by one verifies with the other. */
    static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] probe = "ringfence-audit-head key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(probe);
            byte[] signature = s.sign();
            s.initVerify(publicKey);
            s.update(probe);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] der(Path pem, String label) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + pem + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(pem + " has no " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pem + ": the " + label + " block is not Base64", e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
