package io.ringfence.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * logback's pattern layout with subscriber numbers pseudonymised in the whole formatted line: the
 * message, the exception's messages and stack trace, the thread name and MDC values alike, whichever
 * library logged it (Kafka, Kogito, Drools, Hibernate...).
 */
public class PseudonymisingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return LogPseudonyms.apply(super.doLayout(event));
    }
}
