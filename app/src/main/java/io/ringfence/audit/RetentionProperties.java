package io.ringfence.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long the store keeps what it holds (GDPR: no longer than needed).
 *
 * @param events how long accepted events are kept ({@code event_history})
 * @param audit  how long the audit trail is kept; null keeps it for ever. A compliance decision, kept
 *               apart from {@code events} and never shorter: a decision must outlive its evidence
 * @param cron   when the job runs (Spring cron, server time zone)
 */
@ConfigurationProperties("ringfence.retention")
public record RetentionProperties(Duration events, Duration audit, String cron) {
    public RetentionProperties {
        if (events == null) {
            events = Duration.ofDays(90);
        }
        if (cron == null) {
            cron = "0 17 3 * * *";
        }
        if (events.isNegative() || events.isZero()) {
            throw new IllegalArgumentException("ringfence.retention.events must be positive, got " + events);
        }
        if (audit != null && audit.compareTo(events) < 0) {
            throw new IllegalArgumentException("ringfence.retention.audit (" + audit
                    + ") must not be shorter than ringfence.retention.events (" + events + ")");
        }
    }
}
