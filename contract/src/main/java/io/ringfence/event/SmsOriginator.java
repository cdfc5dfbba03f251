package io.ringfence.event;

/**
 * The two forms an SMSC gives the A-party of an application-to-person message instead of an E.164
 * number: a short code (a national number of 4-8 digits, written without '+') and an alphanumeric
 * originator (GSM 03.40 TP-OA with the alphanumeric type of number: up to 11 characters of the GSM
 * 7-bit alphabet, here held to the subset senders use in practice).
 *
 * <p>An alphanumeric originator here is 1-11 characters of {@code A-Z a-z 0-9}, space and
 * {@code . _ & -} (the same set as the alphanumeric {@code senderId}), with at least one letter (an
 * all-digit value is a short code or nothing) and no leading or trailing space (so that "MyBank" and
 * "MyBank " are not two senders). The contract's parser accepts these forms only as the A-number of
 * an SMS; {@code docs/schemas/telecom-event.schema.json} states the same patterns.
 */
public final class SmsOriginator {
    public static final int SHORT_CODE_MIN_DIGITS = 4;
    public static final int SHORT_CODE_MAX_DIGITS = 8;
    public static final int ALPHANUMERIC_MAX = 11;

    /** What an A-party that is not E.164 can be. */
    public enum Form { SHORT_CODE, ALPHANUMERIC, NONE }

    private SmsOriginator() {
    }

    /** {@code ^[0-9]{4,8}$} */
    public static boolean isShortCode(String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        if (n < SHORT_CODE_MIN_DIGITS || n > SHORT_CODE_MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code ^[A-Za-z0-9._&-]([A-Za-z0-9 ._&-]*[A-Za-z0-9._&-])?$}, at most 11 characters, and
     * containing a letter.
     */
    public static boolean isAlphanumeric(String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        if (n < 1 || n > ALPHANUMERIC_MAX || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            letter |= isLetter;
            if (!isLetter && !(c >= '0' && c <= '9') && c != ' ' && c != '.' && c != '_' && c != '&' && c != '-') {
                return false;
            }
        }
        return letter;
    }

    public static Form formOf(String s) {
        if (isShortCode(s)) {
            return Form.SHORT_CODE;
        }
        return isAlphanumeric(s) ? Form.ALPHANUMERIC : Form.NONE;
    }

    /** A short code or an alphanumeric originator: the A-party of application-to-person traffic. */
    public static boolean isA2p(String s) {
        return formOf(s) != Form.NONE;
    }
}
