package io.ringfence.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * Where the service reads and writes on Kafka. In zero-setup mode the embedded broker fills in
 * {@code bootstrapServers}; in the {@code prod} profile it is configured.
 *
 * @param maxPollRecords records per poll, and so per database transaction
 * @param fetchMinBytes  what the broker gathers before it answers a fetch, up to {@code fetchMaxWaitMs}: at
 *                       low rates a poll of a few records would cost a whole transaction and a broker round
 *                       trip each; this bounds that overhead at the price of at most the wait
 * @param fetchMaxWaitMs the longest the broker holds a fetch for {@code fetchMinBytes}
 * @param maxPartitionFetchBytes the most one partition brings to a fetch; 0 (default): 1 MiB (Kafka's default)
 *                       divided by {@code ringfence.stream.threads}, at least 64 KiB. A poll takes a partition's
 *                       fetched records before it moves to the next partition, so with Kafka's default a poll
 *                       of a backlog holds one partition only and the other threads would have nothing to do
 * @param properties     Kafka client settings passed to every client the service creates (TLS, SASL,
 *                       timeouts), e.g. {@code ringfence.kafka.properties.security.protocol=SASL_SSL}; the
 *                       keys the service sets itself are refused at startup ({@link KafkaClientProperties})
 */
@ConfigurationProperties("ringfence.kafka")
public record KafkaSettings(String bootstrapServers, @DefaultValue("ringfence") String groupId,
                            @DefaultValue Topics topics, @DefaultValue("2000") int maxPollRecords,
                            @DefaultValue("true") boolean enabled, @DefaultValue("65536") int fetchMinBytes,
                            @DefaultValue("10") int fetchMaxWaitMs, @DefaultValue("0") int maxPartitionFetchBytes,
                            @DefaultValue Map<String, String> properties) {
    /**
     * @param subject the internal topic of the subject stage (docs/streaming.md, "Two stages"): created by the service
     *                with the partition count of {@code events} when it does not exist
     */
    public record Topics(@DefaultValue("telecom.events") String events,
                         @DefaultValue("telecom.events.dlq") String deadLetter,
                         @DefaultValue("fraud.alerts") String alerts,
                         @DefaultValue("fraud.decisions") String decisions,
                         @DefaultValue("ringfence.subject-events") String subject) {
    }
}
