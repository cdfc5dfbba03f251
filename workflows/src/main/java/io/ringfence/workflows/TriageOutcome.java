package io.ringfence.workflows;

/** The triage verdicts the process branches on. */
public enum TriageOutcome {
    CONFIRMED_FRAUD, FALSE_POSITIVE, NEEDS_INFO
}
