package io.ringfence.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long the personal data outside events and audit is kept, beside {@code ringfence.retention.events}
 * and {@code ringfence.retention.audit} (docs/privacy.md).
 *
 * @param alerts         alerts whose last match is older are deleted, unless an open or held case cites them
 * @param closedCases    closed cases closed longer ago are pseudonymised (never open or held ones)
 * @param hotListChanges decided hot-list edits older than this lose their content (the numbers)
 * @param backtests      the differences of backtests finished longer ago have their subscribers pseudonymised
 * @param pseudonymKey   the key of the stored pseudonyms; unset: {@code ringfence.logging.pseudonym-key}
 */
@ConfigurationProperties("ringfence.retention")
public record PersonalRetentionProperties(Duration alerts, Duration closedCases, Duration hotListChanges,
                                          Duration backtests, String pseudonymKey) {
    public PersonalRetentionProperties {
        alerts = positive("alerts", alerts, Duration.ofDays(180));
        // Longer than alerts: chargebacks, disputes and claims about a confirmed fraud come months later.
        closedCases = positive("closed-cases", closedCases, Duration.ofDays(730));
        hotListChanges = positive("hot-list-changes", hotListChanges, Duration.ofDays(400));
        // As alerts: a backtest's differences are alerts and decisions the versions would have raised.
        backtests = positive("backtests", backtests, Duration.ofDays(180));
    }

    private static Duration positive(String name, Duration d, Duration fallback) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("ringfence.retention." + name + " must be positive, got " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        // Never the key.
        return "PersonalRetentionProperties[alerts=" + alerts + ", closedCases=" + closedCases
                + ", hotListChanges=" + hotListChanges + ", backtests=" + backtests + "]";
    }
}
