package io.ringfence.numberintel;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringfence.reference.CachedNumberLookup;
import io.ringfence.reference.NumberLookups;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.function.ToLongFunction;

/**
 * The number-intelligence service the enrich stage reads, when one is configured: {@link HttpNumberLookup}
 * behind {@link CachedNumberLookup}, its outcomes counted in {@code ringfence_number_lookups_total{outcome}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NumberLookupProperties.class)
public class NumberLookupConfiguration {

    @Bean
    public NumberLookups numberLookups(NumberLookupProperties props, MeterRegistry registry) {
        if (!props.enabled()) {
            return NumberLookups.NONE;
        }
        Clock clock = Clock.systemUTC();
        CachedNumberLookup cache = new CachedNumberLookup(
                new HttpNumberLookup(props.source(), props.url(), props.token(), props.timeout(), clock),
                new CachedNumberLookup.Settings(props.timeout(), props.ttl(), props.retryAfter(), props.maxEntries(),
                        props.threads(), props.maxPending(), props.minRisk()), clock);
        count(registry, cache, "hit", CachedNumberLookup.Counts::hits);
        count(registry, cache, "miss", CachedNumberLookup.Counts::misses);
        count(registry, cache, "answered", CachedNumberLookup.Counts::answered);
        count(registry, cache, "failed", CachedNumberLookup.Counts::failed);
        count(registry, cache, "timeout", CachedNumberLookup.Counts::timedOut);
        count(registry, cache, "shed", CachedNumberLookup.Counts::shed);
        Gauge.builder("ringfence.number.lookup.cache.size", cache, c -> c.counts().held())
                .description("numbers whose lookup answer (or failure) is held").register(registry);
        return cache;
    }

    private static void count(MeterRegistry registry, CachedNumberLookup cache, String outcome,
                              ToLongFunction<CachedNumberLookup.Counts> f) {
        FunctionCounter.builder("ringfence.number.lookups", cache, c -> f.applyAsLong(c.counts()))
                .description("number-intelligence reads and lookups by outcome: hit and miss are the stream's reads; "
                        + "answered, failed, timeout and shed the service's calls")
                .tag("outcome", outcome).tag("source", cache.source()).register(registry);
    }
}
