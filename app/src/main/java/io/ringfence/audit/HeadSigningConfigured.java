package io.ringfence.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Heads are published unless switched off; under the {@code prod} profile only with a signing key
 * configured: a key generated inside a container would be lost with it (and its root file system is
 * read-only), so production names a key from a secret and a folder that outlives the instance.
 */
final class HeadSigningConfigured implements Condition {
    private static final Logger log = LoggerFactory.getLogger(HeadSigningConfigured.class);

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        if (!env.getProperty("ringfence.audit.heads.enabled", Boolean.class, true)) {
            return false;
        }
        String key = env.getProperty("ringfence.audit.heads.private-key");
        if ((key == null || key.isBlank()) && env.acceptsProfiles(Profiles.of("prod"))) {
            log.warn("audit heads are NOT published: the prod profile needs ringfence.audit.heads.private-key, "
                    + "public-key and dir (docs/audit.md); without them a rewrite of a whole day in the database "
                    + "cannot be detected");
            return false;
        }
        return true;
    }
}
