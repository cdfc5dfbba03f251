package io.ringfence.logging;

import java.security.SecureRandom;

/**
 * The process's log pseudonymiser. Logback builds its layouts before Spring reads any property, so
 * the key lives here rather than in a bean: at class load it is taken from the environment variable
 * or system property (which the command-line tools and the first log lines see), and
 * {@link PseudonymKeySetup} replaces it with {@code ringfence.logging.pseudonym-key} from Spring's
 * environment once that is read. Without a key, a random one is drawn: lines correlate within one
 * run only, and nobody can recompute a pseudonym.
 */
public final class LogPseudonyms {
    public static final String KEY_PROPERTY = "ringfence.logging.pseudonym-key";
    public static final String KEY_ENV = "RINGFENCE_LOGGING_PSEUDONYM_KEY";
    /** Shorter keys make the HMAC easy to brute-force over the small space of phone numbers. */
    public static final int MIN_KEY_LENGTH = 16;

    private static volatile Pseudonymiser current = initial();

    private LogPseudonyms() {
    }

    public static String apply(String text) {
        return current.apply(text);
    }

    /** {@link Pseudonymiser#applyStrict}: for text that leaves the process (traces). */
    public static String applyStrict(String text) {
        return current.applyStrict(text);
    }

    /** Pseudonymises with {@code key} from now on. */
    public static void useKey(String key) {
        current = Pseudonymiser.ofKey(checked(key));
    }

    /** The key as given, if it is long enough; the message names the property, never the key. */
    public static String checked(String key) {
        if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException(KEY_PROPERTY + " must be at least " + MIN_KEY_LENGTH
                    + " characters (e.g. openssl rand -base64 32)");
        }
        return key.strip();
    }

    private static Pseudonymiser initial() {
        String key = System.getProperty(KEY_PROPERTY);
        if (key == null || key.isBlank()) {
            key = System.getenv(KEY_ENV);
        }
        if (key != null && key.strip().length() >= MIN_KEY_LENGTH) {
            return Pseudonymiser.ofKey(key.strip());
        }
        // A key too short falls back to a random one here (failing inside logback would silence the
        // logs); the service's start-up then refuses it with a message (PseudonymKeySetup).
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new Pseudonymiser(random);
    }
}
