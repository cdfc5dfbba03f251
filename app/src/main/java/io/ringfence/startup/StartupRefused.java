package io.ringfence.startup;

/**
 * The service will not start as configured: the message says what is wrong and what to set. Reported
 * by {@link StartupRefusedAnalyzer} as Spring Boot reports a port in use, without a stack trace.
 */
public class StartupRefused extends IllegalStateException {
    public StartupRefused(String message) {
        super(message);
    }
}
