package io.ringfence.mediation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The drop folder the service watches ({@code ringfence.ingest.*}); off unless {@code dropDir} is set.
 *
 * @param dropDir            the folder a mediation platform delivers CDR files into
 * @param mapping            the CSV column mapping (.properties); without it CSV files go to failed/
 * @param pollInterval       how often the folder is looked at
 * @param markerTopic        see {@link KafkaTarget}
 * @param transactionalId    see {@link KafkaTarget}; distinct per instance when several watch folders
 * @param transactionTimeout see {@link KafkaTarget}
 */
@ConfigurationProperties("ringfence.ingest")
public record IngestProperties(Path dropDir, Path mapping, @DefaultValue("PT5S") Duration pollInterval,
                               @DefaultValue("telecom.events.ingested") String markerTopic,
                               @DefaultValue("ringfence-ingest") String transactionalId,
                               @DefaultValue("PT10M") Duration transactionTimeout) {
}
