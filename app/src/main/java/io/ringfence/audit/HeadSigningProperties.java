package io.ringfence.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the service publishes the audit chain heads it signs ({@link HeadPublisher}).
 *
 * @param enabled    publish at all (default true)
 * @param dir        the folder of {@code audit-heads-YYYY-MM-DD.jsonl}; default {@code ringfence-data/audit-heads}
 * @param privateKey the Ed25519 signing key (PKCS#8 PEM); unset: {@code ringfence-data/head-signing-key.pem},
 *                   generated on first start outside the {@code prod} profile
 * @param publicKey  its public key (PEM), given to auditors for {@code audit-verify --public-key}; unset:
 *                   {@code ringfence-data/head-signing-key.pub.pem}
 * @param interval   how often heads that moved are signed (default 5 minutes): what is written after
 *                   the last publication is not yet protected
 */
@ConfigurationProperties("ringfence.audit.heads")
public record HeadSigningProperties(Boolean enabled, Path dir, Path privateKey, Path publicKey, Duration interval) {
    static final Path DATA = Path.of("ringfence-data");

    public HeadSigningProperties {
        if (enabled == null) {
            enabled = true;
        }
        if (dir == null) {
            dir = DATA.resolve("audit-heads");
        }
        if (interval == null) {
            interval = Duration.ofMinutes(5);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ringfence.audit.heads.interval must be positive, got " + interval);
        }
    }
}
