package io.ringfence.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * logback's pattern layout with subscriber numbers pseudonymised in the whole formatted line: the
 * message, the exception's messages and stack trace, the thread name and MDC values alike, whichever
 * library logged it (Kafka, Kogito, Drools, Hibernate...).
 *
 * <p>A message cannot break its line: CR, LF and the Unicode line and paragraph separators in it are written
 * as {@code \r}, {@code \n}, {@code \u2028}, {@code \u2029} (and a backslash as two), so a value a client
 * sent cannot forge a line of its own. A stack trace still takes the lines after its message, as always.
 */
public class PseudonymisingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        ILoggingEvent e = message != null && needsEscape(message) ? withMessage(event, escape(message)) : event;
        return LogPseudonyms.apply(super.doLayout(e));
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The same event with another formatted message (logback's event has no setter that a layout may use). */
    private static ILoggingEvent withMessage(ILoggingEvent event, String message) {
        return (ILoggingEvent) java.lang.reflect.Proxy.newProxyInstance(ILoggingEvent.class.getClassLoader(),
                new Class<?>[]{ILoggingEvent.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getFormattedMessage") && method.getParameterCount() == 0) {
                        return message;
                    }
                    try {
                        return method.invoke(event, args);
                    } catch (java.lang.reflect.InvocationTargetException x) {
                        throw x.getCause();
                    }
                });
    }
}
