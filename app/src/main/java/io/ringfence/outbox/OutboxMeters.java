package io.ringfence.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the outbox drains: messages waiting and the age of the oldest. The relay empties it within
 * milliseconds when the broker answers, so an oldest message minutes old means decisions are not
 * reaching the switches (docs/operations.md, alert RingfenceOutboxStuck). Read at each scrape; NaN
 * while the database is away.
 */
@Component
class OutboxMeters {
    private final JdbcTemplate jdbc;

    OutboxMeters(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("ringfence.outbox.pending", this, m -> m.query("SELECT count(*) FROM outbox"))
                .description("messages committed and not yet acknowledged by the broker").register(registry);
        Gauge.builder("ringfence.outbox.oldest.age", this,
                        m -> m.query("SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox"))
                .baseUnit("seconds").description("age of the oldest message waiting in the outbox").register(registry);
    }

    private double query(String sql) {
        try {
            Double n = jdbc.queryForObject(sql, Double.class);
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
