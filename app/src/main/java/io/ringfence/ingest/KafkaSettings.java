package io.ringfence.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the service reads and writes on Kafka. In zero-setup mode the embedded broker fills in
 * {@code bootstrapServers}; in the {@code prod} profile it is configured.
 *
 * @param maxPollRecords records per poll, and so per database transaction
 */
@ConfigurationProperties("ringfence.kafka")
public record KafkaSettings(String bootstrapServers, @DefaultValue("ringfence") String groupId,
                            @DefaultValue Topics topics, @DefaultValue("2000") int maxPollRecords,
                            @DefaultValue("true") boolean enabled) {
    public record Topics(@DefaultValue("telecom.events") String events,
                         @DefaultValue("telecom.events.dlq") String deadLetter,
                         @DefaultValue("fraud.alerts") String alerts,
                         @DefaultValue("fraud.decisions") String decisions) {
    }
}
