package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.stream.KafkaClientProperties;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A command's {@code --kafka-config} file: Kafka client properties (TLS, SASL) as the service's
 * {@code ringfence.kafka.properties.*} carry them. A file rather than options, so that a SASL password
 * stays out of the process list and the shell history.
 */
final class KafkaConfigFile {
    private KafkaConfigFile() {
    }

    /** The file's client properties, or none without a file; refused keys fail the command before it sends. */
    static Map<String, String> load(Path file) {
        if (file == null) {
            return Map.of();
        }
        ReplayCommand.requireReadable(file, "Kafka client config");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("cannot read Kafka client config " + file + ": "
                    + (e instanceof IOException io ? IoMessages.reason(io) : e.getMessage()), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        try {
            KafkaClientProperties.base(m, file + ": ");
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        return m;
    }
}
