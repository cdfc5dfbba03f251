package io.ringfence.ingest;

import io.ringfence.event.SmsOriginator;

import static io.ringfence.ingest.EventLimits.*;

/**
 * The lexical rules of the contract's string fields, hand-written rather than regular expressions
 * because they run on every field of every event. Each rule has a twin {@code pattern} in the
 * JSON Schema.
 */
final class Syntax {
    private Syntax() {
    }

    /** {@code ^\+[1-9][0-9]{7,14}$} */
    static boolean isE164(String s) {
        int n = s.length();
        if (n < 9 || n > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        return allDigits(s, 1, n);
    }

    /**
     * The A-number of an SMS: E.164, a short code ({@code ^[0-9]{4,8}$}) or an alphanumeric
     * originator (1-11 of {@code [A-Za-z0-9 ._&-]}, a letter among them, no space at either end).
     */
    static boolean isSmsOriginator(String s) {
        return isE164(s) || SmsOriginator.isA2p(s);
    }

    static boolean isDigits(String s, int min, int max) {
        int n = s.length();
        return n >= min && n <= max && allDigits(s, 0, n);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** MCC-MNC, {@code ^[0-9]{3}-[0-9]{2,3}$}. */
    static boolean isPlmn(String s) {
        int n = s.length();
        return (n == 6 || n == 7) && s.charAt(3) == '-' && allDigits(s, 0, 3) && allDigits(s, 4, n);
    }

    /** SIP method token, {@code ^[A-Z]{1,32}$}. */
    static boolean isSipMethod(String s) {
        int n = s.length();
        if (n < 1 || n > SIP_METHOD_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** MAP operation or Diameter command name, {@code ^[A-Za-z][A-Za-z0-9_-]{0,max-1}$}. */
    static boolean isName(String s, int max) {
        int n = s.length();
        if (n < 1 || n > max || !isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Diameter identity or realm, {@code ^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$}. */
    static boolean isHost(String s) {
        int n = s.length();
        if (n < 1 || n > HOST_MAX || !(isLetter(s.charAt(0)) || isDigit(s.charAt(0)))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * An IPv4 dotted quad without leading zeros, or something shaped like IPv6 (hex digits, dots
     * and at least one colon). Never resolved: a host name here would mean a DNS lookup per event.
     */
    static boolean isIp(String s) {
        int n = s.length();
        if (n < 2 || n > IP_MAX) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (!isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != ':' && c != '.') {
                    return false;
                }
            }
            return true;
        }
        return isIpv4(s);
    }

    private static boolean isIpv4(String s) {
        int n = s.length();
        int pos = 0;
        for (int part = 0; part < 4; part++) {
            int start = pos;
            int value = 0;
            while (pos < n && isDigit(s.charAt(pos)) && pos - start < 3) {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            int len = pos - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            if (part < 3) {
                if (pos >= n || s.charAt(pos) != '.') {
                    return false;
                }
                pos++;
            }
        }
        return pos == n;
    }

    /** Short code or number ({@code ^\+?[0-9]{1,15}$}) or an alphanumeric sender ({@code ^[A-Za-z0-9 ._&-]{1,11}$}). */
    static boolean isSenderId(String s) {
        int n = s.length();
        int start = n > 0 && s.charAt(0) == '+' ? 1 : 0;
        if (n - start >= 1 && n - start <= SENDER_DIGITS_MAX && allDigits(s, start, n)) {
            return true;
        }
        if (n < 1 || n > SENDER_ALPHA_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != ' ' && c != '.' && c != '_' && c != '&' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Upper-case code such as a sales channel, {@code ^[A-Z][A-Z0-9_]{0,31}$}. */
    static boolean isCode(String s, int max) {
        int n = s.length();
        if (n < 1 || n > max || s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !isDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** Hex, base64 or {@code algo:digest}, {@code ^[A-Za-z0-9+/=_:.-]{1,128}$}. */
    static boolean isHashText(String s) {
        int n = s.length();
        if (n < 1 || n > ID_DOCUMENT_HASH_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !isDigit(c) && "+/=_:.-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Free text: 1..max code points, no C0 control characters or DEL ({@code ^[^\u0000-\u001F\u007F]+$}).
     * Returns null when fine, else the problem.
     */
    static String textProblem(String s, int max) {
        int n = s.length();
        if (n == 0) {
            return "must not be empty";
        }
        boolean surrogates = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return "contains a control character";
            }
            surrogates |= Character.isSurrogate(c);
        }
        if (surrogates && hasUnpairedSurrogate(s)) {
            return "contains an unpaired UTF-16 surrogate";
        }
        if (codePoints(s) > max) {
            return "longer than " + max + " characters";
        }
        return null;
    }

    /** Code points, cheaply: the UTF-16 length is an upper bound and usually exact. */
    static int codePoints(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return s.codePointCount(0, n);
            }
        }
        return n;
    }

    /** JSON escapes can smuggle a lone surrogate, which no UTF-8 writer can put back out. */
    static boolean hasUnpairedSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A hostile value made safe to quote in a reason: short and printable. */
    static String quote(String s) {
        int limit = 40;
        StringBuilder b = new StringBuilder(Math.min(s.length(), limit) + 5).append('\'');
        for (int i = 0; i < s.length() && i < limit; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F || Character.isSurrogate(c) ? '?' : c);
        }
        if (s.length() > limit) {
            b.append("...");
        }
        return b.append('\'').toString();
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
