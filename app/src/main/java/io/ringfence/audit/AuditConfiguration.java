package io.ringfence.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.migration.V3__Timescale_hypertables;
import io.ringfence.startup.StartupRefused;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.EnableScheduling;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The store's writers, verifier and scheduled jobs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuditConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    /** Picked up by Spring Boot's Flyway auto-configuration beside the SQL migrations. */
    @Bean
    JavaMigration timescaleHypertables() {
        return new V3__Timescale_hypertables();
    }

    /**
     * The login that creates daily partitions and runs retention: both need to own the tables
     * (ATTACH and DROP), which the service's own login, insert-only on the audit tables, does not.
     * Unset: the service's own login, as in a one-login deployment.
     */
    @Bean
    StoreOwner storeOwner(DataSource dataSource, Environment env) {
        String user = env.getProperty("ringfence.store.owner.username");
        if (user == null || user.isBlank()) {
            return new StoreOwner(dataSource);
        }
        String url = env.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            throw new StartupRefused("ringfence.store.owner.username needs spring.datasource.url (the owner logs in to the same database)");
        }
        return new StoreOwner(new DriverManagerDataSource(url, user, env.getProperty("ringfence.store.owner.password", "")));
    }

    /** The schema owner's connections, apart from the service's own. */
    record StoreOwner(DataSource dataSource) {
    }

    @Bean
    DailyPartitions dailyPartitions(StoreOwner owner) {
        return new DailyPartitions(owner.dataSource());
    }

    @Bean
    EventHistoryWriter eventHistoryWriter(DailyPartitions partitions) {
        return new EventHistoryWriter(partitions);
    }

    @Bean
    AuditTrail auditTrail(DailyPartitions partitions, DataSource dataSource) {
        return new AuditTrail(partitions, dataSource);
    }

    @Bean
    AlertStore alertStore() {
        return new AlertStore();
    }

    @Bean
    ShadowDecisionLog shadowDecisionLog(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new ShadowDecisionLog(jdbc);
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
    RetentionJob retentionJob(StoreOwner owner, DailyPartitions partitions, RetentionProperties retention) {
        return new RetentionJob(owner.dataSource(), partitions, retention, Clock.systemUTC());
    }

    @Bean
    @Conditional(HeadSigningConfigured.class)
    HeadPublisher headPublisher(DataSource dataSource, HeadSigningProperties heads, ConfigurableEnvironment env) {
        if (env.getProperty("ringfence.audit.heads.dir") == null && env.getPropertySources().contains(EMBEDDED_SERVERS)) {
            // The embedded PostgreSQL starts empty on every run: an earlier run's heads would read as a rewrite.
            Path run = heads.dir().resolve("run-" + DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
                    .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + ProcessHandle.current().pid());
            heads = new HeadSigningProperties(heads.enabled(), run, heads.privateKey(), heads.publicKey(), heads.interval());
        }
        return headPublisher(dataSource, heads);
    }

    /** The property source the embedded module adds when it has started its servers. */
    private static final String EMBEDDED_SERVERS = "ringfence-embedded-servers";

    HeadPublisher headPublisher(DataSource dataSource, HeadSigningProperties heads) {
        Path privateKey = heads.privateKey() != null ? heads.privateKey() : HeadSigningProperties.DATA.resolve("head-signing-key.pem");
        Path publicKey = heads.publicKey() != null ? heads.publicKey() : HeadSigningProperties.DATA.resolve("head-signing-key.pub.pem");
        if (!Files.exists(privateKey)) {
            if (heads.privateKey() != null) {
                throw new StartupRefused("ringfence.audit.heads.private-key: no signing key at " + privateKey);
            }
            HeadSigningKeys.generate(privateKey, publicKey);
            log.warn("audit heads: generated a signing key {} and its public key {}; give auditors the public key "
                    + "and keep the private key where the database's administrators cannot read it",
                    privateKey.toAbsolutePath(), publicKey.toAbsolutePath());
        }
        if (!Files.exists(publicKey)) {
            throw new StartupRefused("ringfence.audit.heads.public-key: no public key at " + publicKey);
        }
        PrivateKey key;
        String keyId;
        try {
            key = HeadSigningKeys.readPrivate(privateKey);
            PublicKey pub = HeadSigningKeys.readPublic(publicKey);
            if (!HeadSigningKeys.belongTogether(key, pub)) {
                throw new StartupRefused("ringfence.audit.heads: " + publicKey + " is not the public key of " + privateKey
                        + " (auditors could not verify what the service signs)");
            }
            keyId = HeadSigningKeys.keyId(pub);
        } catch (IllegalArgumentException e) {
            throw new StartupRefused("ringfence.audit.heads: " + e.getMessage());
        }
        log.info("audit heads: signing with key {} into {} every {}", keyId, heads.dir().toAbsolutePath(), heads.interval());
        return new HeadPublisher(dataSource, heads.dir(), key, keyId, Clock.systemUTC());
    }

    @Bean
    PartitionMaintenance partitionMaintenance(DataSource dataSource, DailyPartitions partitions) {
        return new PartitionMaintenance(dataSource, partitions, Clock.systemUTC());
    }
}
