package io.ringfence.privacy;

import io.ringfence.logging.LogPseudonyms;
import io.ringfence.logging.Pseudonymiser;

import java.security.SecureRandom;

/**
 * The keyed pseudonyms that replace a subscriber's identity in stored rows. With the logs' key (the
 * default) a compliance officer can recompute the pseudonym of a number and find its pseudonymised
 * cases and log lines; without any key a random one is drawn per start, which makes the replaced
 * identities unlinkable (anonymous in practice).
 */
public final class StorePseudonyms {
    private final Pseudonymiser pseudonymiser;
    private final boolean keyed;

    private StorePseudonyms(Pseudonymiser pseudonymiser, boolean keyed) {
        this.pseudonymiser = pseudonymiser;
        this.keyed = keyed;
    }

    /** @param key the configured key, or null for a random one */
    public static StorePseudonyms withKey(String key) {
        if (key == null || key.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new StorePseudonyms(new Pseudonymiser(random), false);
        }
        return new StorePseudonyms(Pseudonymiser.ofKey(LogPseudonyms.checked(key)), true);
    }

    /** The pseudonym of a stored identity (a number, an IMSI, an IP address...); null stays null. */
    public String of(String identity) {
        return pseudonymiser.token(identity);
    }

    /** Numbers inside free text or JSON replaced by their pseudonyms. */
    public String inText(String text) {
        return pseudonymiser.apply(text);
    }

    public boolean keyed() {
        return keyed;
    }
}
