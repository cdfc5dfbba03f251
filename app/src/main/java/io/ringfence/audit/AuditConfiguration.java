package io.ringfence.audit;

import io.ringfence.audit.migration.V3__Timescale_hypertables;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import javax.sql.DataSource;
import java.time.Clock;

/** The store's writers, verifier and scheduled jobs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuditConfiguration {
    /** Picked up by Spring Boot's Flyway auto-configuration beside the SQL migrations. */
    @Bean
    JavaMigration timescaleHypertables() {
        return new V3__Timescale_hypertables();
    }

    @Bean
    DailyPartitions dailyPartitions(DataSource dataSource) {
        return new DailyPartitions(dataSource);
    }

    @Bean
    EventHistoryWriter eventHistoryWriter(DailyPartitions partitions) {
        return new EventHistoryWriter(partitions);
    }

    @Bean
    AuditTrail auditTrail(DailyPartitions partitions) {
        return new AuditTrail(partitions);
    }

    @Bean
    AlertStore alertStore() {
        return new AlertStore();
    }

    @Bean
    ChainVerifier chainVerifier() {
        return new ChainVerifier();
    }

    @Bean
    AuditQueries auditQueries(DataSource dataSource, ObjectMapper mapper) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // Exports read through a cursor (inside a transaction) rather than loading every row.
        jdbc.setFetchSize(1000);
        return new AuditQueries(new NamedParameterJdbcTemplate(jdbc), mapper);
    }

    @Bean
    RetentionJob retentionJob(DataSource dataSource, DailyPartitions partitions, RetentionProperties retention) {
        return new RetentionJob(dataSource, partitions, retention, Clock.systemUTC());
    }

    @Bean
    PartitionMaintenance partitionMaintenance(DataSource dataSource, DailyPartitions partitions) {
        return new PartitionMaintenance(dataSource, partitions, Clock.systemUTC());
    }
}
