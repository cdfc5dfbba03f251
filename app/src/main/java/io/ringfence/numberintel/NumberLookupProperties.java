package io.ringfence.numberintel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ringfence.number-lookup.*}: an external number-intelligence service (HLR, number portability, a vendor's
 * API). Without {@code url} the offline tables are the whole of number intelligence, as in replay and backtests.
 *
 * @param url        GET endpoint with {@code {number}} where the E.164 number goes
 * @param source     the name every answer carries in explanations; change it when the provider changes
 * @param token      bearer token, from a secret (RINGFENCE_NUMBER_LOOKUP_TOKEN), never from plain values
 * @param timeout    longest a lookup may take, queue wait included; the stream never waits for it
 * @param ttl        how long an answer is fresh (a stale one is read while it is refreshed)
 * @param retryAfter how long a number whose lookup failed waits before it is asked again
 * @param maxEntries answers held (the least recently read go first)
 * @param threads    lookups in flight at once
 * @param maxPending lookups queued; past it they are shed and counted
 * @param minRisk    the service's risk figure from which a number counts as high-cost (an unassigned number always
 *                   does)
 */
@ConfigurationProperties("ringfence.number-lookup")
public record NumberLookupProperties(String url, @DefaultValue("http-lookup") String source, String token,
                                     @DefaultValue("PT0.5S") Duration timeout, @DefaultValue("P1D") Duration ttl,
                                     @DefaultValue("PT5M") Duration retryAfter, @DefaultValue("200000") int maxEntries,
                                     @DefaultValue("4") int threads, @DefaultValue("1000") int maxPending,
                                     @DefaultValue("0.5") double minRisk) {
    boolean enabled() {
        return url != null && !url.isBlank();
    }
}
