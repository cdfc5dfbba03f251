package io.ringfence.web;

/** Client-supplied text made safe to quote in an answer or a log line: control characters escaped, length bounded. */
public final class Text {
    private static final int MAX = 200;

    private Text() {
    }

    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > MAX ? b.append("...").toString() : b.toString();
    }
}
