package io.ringfence.privacy;

import io.ringfence.audit.AuditTrail;
import io.ringfence.logging.LogPseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;

/** Retention, subject access and erasure for the personal data the store holds. */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    @Bean
    StorePseudonyms storePseudonyms(PersonalRetentionProperties retention, Environment env) {
        String key = retention.pseudonymKey();
        if (key == null || key.isBlank()) {
            key = env.getProperty(LogPseudonyms.KEY_PROPERTY);
        }
        StorePseudonyms pseudonyms = StorePseudonyms.withKey(key);
        if (!pseudonyms.keyed()) {
            log.warn("privacy: no ringfence.retention.pseudonym-key nor {}: pseudonymised cases get pseudonyms "
                    + "nobody can recompute (a random key per start)", LogPseudonyms.KEY_PROPERTY);
        }
        return pseudonyms;
    }

    @Bean
    PersonalDataRetention personalDataRetention(DataSource dataSource, AuditTrail trail,
                                                PersonalRetentionProperties retention, StorePseudonyms pseudonyms) {
        return new PersonalDataRetention(dataSource, trail, retention, pseudonyms, Clock.systemUTC());
    }
}
