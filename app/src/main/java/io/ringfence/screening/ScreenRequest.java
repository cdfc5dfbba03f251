package io.ringfence.screening;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * May this call or SMS from A to B proceed now? {@code ip}, {@code trunk} and {@code senderId} are
 * optional: when given, a block on that source denies too.
 */
public record ScreenRequest(String a, String b, String type, String ip, String trunk, String senderId) {
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");
    private static final Pattern TOKEN = Pattern.compile("[\\p{Graph}]{1,64}");

    public enum TrafficType { VOICE, SMS }

    /** @return what is wrong with the request (naming the field), or null if it can be screened */
    public String invalid() {
        if (a == null || a.isEmpty()) {
            return "a (the calling number) is required";
        }
        if (!HotList.E164.matcher(a).matches()) {
            return "a must be an E.164 number ('+' and 8-15 digits), got '" + shorten(a) + "'";
        }
        if (b == null || b.isEmpty()) {
            return "b (the called number) is required";
        }
        if (!HotList.E164.matcher(b).matches()) {
            return "b must be an E.164 number ('+' and 8-15 digits), got '" + shorten(b) + "'";
        }
        if (trafficType() == null) {
            return "type must be VOICE or SMS, got '" + shorten(type) + "'";
        }
        if (present(ip) && !IP.matcher(ip).matches()) {
            return "ip must be an IPv4 or IPv6 address, got '" + shorten(ip) + "'";
        }
        if (present(trunk) && !TOKEN.matcher(trunk).matches()) {
            return "trunk must be 1-64 printable characters without spaces";
        }
        if (present(senderId) && !TOKEN.matcher(senderId).matches()) {
            return "senderId must be 1-64 printable characters without spaces";
        }
        return null;
    }

    public TrafficType trafficType() {
        if (type == null) {
            return null;
        }
        try {
            return TrafficType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
