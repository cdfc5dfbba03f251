package io.ringfence.mediation;

import java.time.Duration;
import java.util.Map;

/**
 * Where ingested files go on Kafka.
 *
 * @param eventsTopic        good rows, keyed by subscriber ({@code telecom.events})
 * @param deadLetterTopic    bad rows, with the reason in headers, as the stream sends bad records
 * @param markerTopic        one record per ingested file, written in the file's own transaction: after a
 *                           crash it tells whether that transaction committed
 * @param transactionalId    the ingest producer's transactional id; one ingest process per id at a time (a
 *                           second one fences the first)
 * @param transactionTimeout longest a file's transaction may stay open; at most the broker's
 *                           {@code transaction.max.timeout.ms} (15 minutes by default)
 * @param clientProperties   the operator's pass-through client settings (TLS, SASL), already checked
 *                           against the keys the ingest sets itself
 */
public record KafkaTarget(String bootstrapServers, String eventsTopic, String deadLetterTopic, String markerTopic,
                          String transactionalId, Duration transactionTimeout, Map<String, String> clientProperties) {
    public KafkaTarget {
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }
}
