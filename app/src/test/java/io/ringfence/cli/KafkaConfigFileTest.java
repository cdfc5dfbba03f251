package io.ringfence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void aClientConfigThatWouldWeakenTheIngestIsRefusedBeforeAnythingIsSent() throws Exception {
        Path events = Files.writeString(dir.resolve("calls.jsonl"), "{}\n");
        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nenable.idempotence=false\ntransactional.id=mine\n");

        CliRun feed = CliRun.of("feed", "--file", events, "--bootstrap-servers", "127.0.0.1:1", "--kafka-config", config);
        CliRun ingest = CliRun.of("ingest", "--dir", dir, "--bootstrap-servers", "127.0.0.1:1",
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x", "--kafka-config", config);

        for (CliRun run : new CliRun[]{feed, ingest}) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("client.properties: enable.idempotence (a retried send must not")
                    .contains("client.properties: transactional.id (set ringfence.ingest.transactional-id")
                    .doesNotContain("security.protocol").doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingClientConfigIsNamed() throws Exception {
        Files.writeString(dir.resolve("calls.jsonl"), "{}\n");
        CliRun run = CliRun.of("feed", "--file", dir.resolve("calls.jsonl"), "--bootstrap-servers", "127.0.0.1:1",
                "--kafka-config", dir.resolve("nope.properties"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot read Kafka client config").contains("nope.properties");
    }
}
