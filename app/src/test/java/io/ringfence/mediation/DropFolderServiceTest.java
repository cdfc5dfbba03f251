package io.ringfence.mediation;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringfence.stream.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service watching its drop folder, on the embedded broker and database: files delivered as a mediation
 * platform delivers them (written under a .part name, then renamed) are taken, and their events go through
 * the stream into the event history like any event on the topic.
 */
@SpringBootTest(properties = {"ringfence.demo.enabled=false",
        "ringfence.ingest.drop-dir=" + DropFolderServiceTest.DROP,
        "ringfence.ingest.mapping=../docs/mediation/cdr-mapping.properties",
        "ringfence.ingest.poll-interval=PT0.2S"})
class DropFolderServiceTest {
    static final String DROP = "target/drop-folder-service-test";
    private static final Path dir = Path.of(DROP);

    @Autowired
    KafkaSettings kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void emptyFolder() throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void filesDroppedIntoTheFolderReachTheEventHistoryAndTheirBadRowsTheDeadLetterTopic() throws Exception {
        deliver("cdr-0001.jsonl", ("{\"eventId\":\"drop-1\",\"type\":\"VOICE\",\"timestamp\":\"2026-03-01T12:00:00Z\","
                + "\"subscriber\":\"+447700900001\",\"direction\":\"MO\",\"aNumber\":\"+447700900001\","
                + "\"bNumber\":\"+447700900002\",\"answered\":true,\"durationSeconds\":30}\nnot json at all\n")
                .getBytes(StandardCharsets.UTF_8));
        deliver("cdr-0002.csv.gz", gzip("""
                RECORD_TYPE;CALLING;CALLED;START_TIME;DUR;ANS;IMSI;IMEI;CELL;OUT_TRUNK;CDR_ID
                MOC;07700900011;0088213500002;20260301120100;65;1;234150000000011;35000000000011;CELL-7;INTL-GW-1;drop-2
                """));

        await(() -> Files.exists(dir.resolve("done/cdr-0001.jsonl")) && Files.exists(dir.resolve("done/cdr-0002.csv.gz")));
        await(() -> count("SELECT count(*) FROM event_history WHERE event_id IN ('drop-1', 'drop-2')") == 2);

        assertThat(jdbc.queryForObject("SELECT subscriber FROM event_history WHERE event_id = 'drop-2'", String.class))
                .isEqualTo("+447700900011");
        assertThat(jdbc.queryForList("SELECT file_name || ' ' || state FROM ingest_file ORDER BY file_name", String.class))
                .containsExactly("cdr-0001.jsonl DONE", "cdr-0002.csv.gz DONE");
        List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.read(kafka.bootstrapServers(), kafka.topics().deadLetter(), true);
        assertThat(dead).extracting(r -> TopicReader.header(r, "ringfence.source")).containsExactly("file:cdr-0001.jsonl:2");
        assertThat(registry.get("ringfence.ingest.files").tag("outcome", "done").counter().count()).isEqualTo(2);
        assertThat(registry.get("ringfence.ingest.rows").tag("outcome", "rejected").counter().count()).isEqualTo(1);
    }

    /** As a mediation platform should: written under a name the folder skips, then renamed. */
    private static void deliver(String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path part = dir.resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] gzip(String content) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within two minutes").isLessThan(until);
            Thread.sleep(200);
        }
    }
}
