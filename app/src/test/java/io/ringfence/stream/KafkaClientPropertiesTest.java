package io.ringfence.stream;

import io.ringfence.startup.StartupRefused;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientPropertiesTest {

    /** As the Helm chart's ConfigMap writes them: dotted Kafka keys under ringfence.kafka.properties. */
    private static KafkaSettings bind(Map<String, String> config) {
        return new Binder(new MapConfigurationPropertySource(config)).bind("ringfence.kafka", KafkaSettings.class)
                .orElseThrow(() -> new AssertionError("nothing bound"));
    }

    @Test
    void theChartsDottedKeysReachEveryClientAsKafkaKeys() {
        KafkaSettings settings = bind(Map.of(
                "ringfence.kafka.bootstrap-servers", "kafka-0:9093",
                "ringfence.kafka.properties.security.protocol", "SASL_SSL",
                "ringfence.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "ringfence.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ringfence.kafka.properties.ssl.truststore.location", "/etc/ringfence/tls/kafka/ca.crt"));

        Properties p = KafkaClientProperties.base(settings);

        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/ringfence/tls/kafka/ca.crt")
                .containsKey("sasl.jaas.config").hasSize(4);
    }

    @Test
    void noPassThroughSettingsMeansPlainClientsAsBefore() {
        KafkaSettings settings = bind(Map.of("ringfence.kafka.bootstrap-servers", "127.0.0.1:9092"));
        assertThat(settings.properties()).isEmpty();
        assertThat(KafkaClientProperties.base(settings)).isEmpty();
    }

    @Test
    void theKeysExactlyOnceAndTheRecordFormatDependOnAreRefusedAtStartupWithWhatToSetInstead() {
        KafkaSettings settings = bind(Map.of(
                "ringfence.kafka.bootstrap-servers", "127.0.0.1:9092",
                "ringfence.kafka.properties.isolation.level", "read_uncommitted",
                "ringfence.kafka.properties.enable.idempotence", "false",
                "ringfence.kafka.properties.max.poll.records", "10",
                "ringfence.kafka.properties.security.protocol", "SSL"));

        assertThatThrownBy(() -> new KafkaClients(settings, 1))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("ringfence.kafka.properties.isolation.level (read_committed keeps")
                .hasMessageContaining("ringfence.kafka.properties.enable.idempotence")
                .hasMessageContaining("ringfence.kafka.properties.max.poll.records (set ringfence.kafka.max-poll-records)")
                .message().doesNotContain("security.protocol");
    }

    @Test
    void everyRefusedKeyIsARealKafkaClientSetting() {
        java.util.Set<String> known = new java.util.HashSet<>();
        known.addAll(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
        known.addAll(org.apache.kafka.clients.producer.ProducerConfig.configNames());
        assertThat(known).containsAll(KafkaClientProperties.REFUSED.keySet());
    }

    @Test
    void anAuthenticationFailureNamesTheSettingsToCheckWithoutClassNames() {
        String reason = KafkaClientProperties.describe(new RuntimeException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")));
        assertThat(reason).startsWith("Kafka refused the connection").contains("ringfence.kafka.properties")
                .contains("invalid credentials").doesNotContain("org.apache");
        assertThat(KafkaClientProperties.describe(new IllegalStateException("database away")))
                .isEqualTo("java.lang.IllegalStateException: database away");
    }
}
