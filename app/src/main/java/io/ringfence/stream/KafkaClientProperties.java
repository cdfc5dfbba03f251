package io.ringfence.stream;

import org.apache.kafka.common.errors.AuthenticationException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The operator's Kafka client settings ({@code ringfence.kafka.properties.*}, or a CLI's
 * {@code --kafka-config} file) under the settings every client of the service needs: TLS, SASL, timeouts
 * and the like pass through to every producer, consumer and admin client; the keys that exactly-once,
 * ordering and the record format depend on are refused, as are those that have a setting of their own,
 * so that no client silently runs with a weaker guarantee than the others.
 */
public final class KafkaClientProperties {
    /** Refused keys, with why (what the service relies on, or where the value is set instead). */
    static final Map<String, String> REFUSED = refused();

    private KafkaClientProperties() {
    }

    private static Map<String, String> refused() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "set ringfence.kafka.bootstrap-servers (--bootstrap-servers for a command)");
        m.put("group.id", "set ringfence.kafka.group-id (ringfence.cases.consumer-group for the case feed)");
        m.put("enable.auto.commit", "offsets are committed with each batch's database transaction");
        m.put("auto.offset.reset", "a new group must start at the earliest retained event");
        m.put("isolation.level", "read_committed keeps the records of aborted ingest transactions out");
        m.put("enable.idempotence", "a retried send must not write a decision or an event twice");
        m.put("acks", "a record counts as sent only once every in-sync replica has it");
        m.put("retries", "an idempotent producer retries until its delivery timeout");
        m.put("max.in.flight.requests.per.connection", "more than 5 would break idempotence and ordering");
        m.put("transactional.id", "set ringfence.ingest.transactional-id (--transactional-id for ingest)");
        m.put("transaction.timeout.ms", "set ringfence.ingest.transaction-timeout");
        m.put("key.serializer", "records are written as the service's own bytes");
        m.put("value.serializer", "records are written as the service's own bytes");
        m.put("key.deserializer", "records are read as bytes and parsed by the service");
        m.put("value.deserializer", "records are read as bytes and parsed by the service");
        m.put("max.poll.records", "set ringfence.kafka.max-poll-records");
        m.put("fetch.min.bytes", "set ringfence.kafka.fetch-min-bytes");
        m.put("fetch.max.wait.ms", "set ringfence.kafka.fetch-max-wait-ms");
        return Map.copyOf(m);
    }

    /**
     * The pass-through settings as client properties, the base each client puts its own settings on.
     *
     * @param origin how the operator names these settings, for the message
     * @throws IllegalArgumentException naming every refused key, why, and what to set instead
     */
    public static Properties base(Map<String, String> passThrough, String origin) {
        Map<String, String> given = passThrough == null ? Map.of() : passThrough;
        String refused = given.keySet().stream().filter(REFUSED::containsKey).sorted()
                .map(k -> origin + k + " (" + REFUSED.get(k) + ")").collect(Collectors.joining("; "));
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("Kafka client settings the service sets itself cannot be passed through: " + refused);
        }
        Properties p = new Properties();
        p.putAll(given);
        return p;
    }

    /** The base for the service's clients: {@code ringfence.kafka.properties.*}, refused at startup if wrong. */
    public static Properties base(KafkaSettings settings) {
        try {
            return base(settings.properties(), "ringfence.kafka.properties.");
        } catch (IllegalArgumentException e) {
            throw new io.ringfence.startup.StartupRefused(e.getMessage());
        }
    }

    /**
     * What a client failure says to an operator: an authentication failure (wrong SCRAM credentials, a
     * broker certificate the trust store does not hold) names the settings to look at, without the client
     * library's class names.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException a) {
                return "Kafka refused the connection (check the SASL credentials and the TLS trust store in"
                        + " ringfence.kafka.properties): " + a.getMessage();
            }
        }
        return e.toString();
    }
}
