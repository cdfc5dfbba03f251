package io.ringfence.logging;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces subscriber numbers in a line of text by keyed pseudonyms: the same number gives the same
 * pseudonym under the same key, so log lines about one line can be correlated without showing it.
 *
 * <p>An E.164 number ({@code +} or its URL encoding {@code %2B}, then 8 or more digits) becomes
 * {@code +CC#} and 12 hex digits of HMAC-SHA256 over {@code +digits}: the country code stays because
 * operations need it (an IRSF range, a foreign Wangiri caller) and it names nobody. A bare digit
 * string (5 or more digits) in a field that carries a subscriber identity ({@code "imsi":"2341..."},
 * {@code subscriber=4477...}) becomes {@code #} and the HMAC of the digits as written. Other digits
 * (offsets, ports, timestamps, ids, calling global titles) are left alone.
 */
public final class Pseudonymiser {
    static final int HEX_DIGITS = 12;

    private static final Pattern BARE_NUMBER = Pattern.compile("(?<![0-9A-Za-z#_-])(\\d{8,15})(?![0-9A-Za-z_-])");
    private static final Pattern E164 = Pattern.compile("(?:\\+|%2[Bb])(\\d{8,})");
    /**
     * Fields whose bare digits identify a subscriber or a handset. The called GT is one: a MAP query's
     * called party is often the target MSISDN; the calling GT is the querying network node and stays.
     */
    private static final String FIELDS = "subscriber|msisdn|aNumber|bNumber|a|b|forwardTo|imsi|oldImsi|newImsi|imei"
            + "|calledGt";
    private static final Pattern FIELD_DIGITS = Pattern.compile(
            "((?:\"(?i:" + FIELDS + ")\"\\s*:\\s*\")|(?:\\b(?i:" + FIELDS + ")=))(\\d{5,})(?!\\d)");
    /** E.164 country codes of one and two digits; every other code has three (ITU-T E.164 assignments). */
    private static final Set<String> SHORT_CODES = Set.of("1", "7", "20", "27", "30", "31", "32", "33", "34", "36",
            "39", "40", "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57",
            "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
            "95", "98");

    private final SecretKeySpec key;
    // Mac is not thread-safe and costly to look up; each logging thread keeps its own.
    private final ThreadLocal<Mac> macs;

    public Pseudonymiser(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("a pseudonym key must not be empty");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public static Pseudonymiser ofKey(String key) {
        return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The text with every subscriber number it holds replaced by its pseudonym. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = E164.matcher(text).replaceAll(m -> Matcher.quoteReplacement(e164(m.group(1))));
        return FIELD_DIGITS.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + bare(m.group(2))));
    }

    /**
     * {@link #apply}, and any run of 8 to 15 digits that stands alone as well (not inside a word, an id or a
     * pseudonym): for text that leaves the process where no field name or {@code +} says what a value is, as a number
     * in a URL path or in a database's message does in a trace.
     */
    public String applyStrict(String text) {
        String out = apply(text);
        if (out == null) {
            return null;
        }
        return BARE_NUMBER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(bare(m.group(1))));
    }

    /**
     * The pseudonym of one value as the logs show it: {@code +4477...} (E.164) or a bare digit string
     * (an IMSI, an IMEI); anything else is refused.
     */
    public String pseudonym(String value) {
        if (value != null && value.matches("\\+\\d{8,}")) {
            return e164(value.substring(1));
        }
        if (value != null && value.matches("\\d{5,}")) {
            return bare(value);
        }
        throw new IllegalArgumentException("'" + value + "' is neither an E.164 number ('+' and 8 or more digits) "
                + "nor a digit string of 5 or more digits");
    }

    /**
     * The pseudonym of any stored identity: a number as {@link #pseudonym} writes it, anything else
     * (an IP address, a trunk, a sender id) as {@code #} and the HMAC of the value as written.
     */
    public String token(String value) {
        if (value == null) {
            return null;
        }
        if (value.matches("\\+\\d{8,}")) {
            return e164(value.substring(1));
        }
        return bare(value);
    }

    private String e164(String digits) {
        return "+" + countryCode(digits) + "#" + hmac("+" + digits);
    }

    private String bare(String digits) {
        return "#" + hmac(digits);
    }

    static String countryCode(String digits) {
        if (SHORT_CODES.contains(digits.substring(0, 1))) {
            return digits.substring(0, 1);
        }
        return SHORT_CODES.contains(digits.substring(0, 2)) ? digits.substring(0, 2) : digits.substring(0, 3);
    }

    private String hmac(String s) {
        byte[] h = macs.get().doFinal(s.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(h, 0, HEX_DIGITS / 2);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
