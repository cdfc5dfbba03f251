package io.ringfence.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start into Spring Boot's "APPLICATION FAILED TO START" report: the reason and the fix, no trace. */
public final class StartupRefusedAnalyzer extends AbstractFailureAnalyzer<StartupRefused> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupRefused cause) {
        return new FailureAnalysis(cause.getMessage(), "Change the configuration as the description says and start again.",
                cause);
    }
}
