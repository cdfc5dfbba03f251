package io.ringfence.mediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.audit.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CDR file ingest against a real Kafka broker and a real PostgreSQL migrated as the service migrates
 * it: JSON Lines and gzip CSV files become events on the events topic, bad rows dead letters, a file is
 * taken once however often it is dropped, an unreadable one goes to failed/, and a run that dies half-way
 * through a file (or between Kafka's commit and the ledger's) loses nothing and sends nothing twice.
 */
class CdrFileIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static EmbeddedKafkaKraftBroker kafka;

    @TempDir
    Path drop;
    private DataSource db;
    private KafkaTarget target;
    private SimpleMeterRegistry registry;
    private FileMetrics metrics;
    private final List<FileIngester> ingesters = new ArrayList<>();

    @BeforeAll
    static void broker() {
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.brokerProperty("transaction.state.log.replication.factor", "1");
        kafka.brokerProperty("transaction.state.log.min.isr", "1");
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stop() {
        kafka.destroy();
    }

    @BeforeEach
    void freshTopicsAndDatabase() {
        int n = TOPICS.incrementAndGet();
        target = new KafkaTarget(kafka.getBrokersAsString(), "events-" + n, "dlq-" + n, "ingested-" + n,
                "ingest-test-" + n, Duration.ofMinutes(1), java.util.Map.of());
        kafka.addTopics(target.eventsTopic(), target.deadLetterTopic(), target.markerTopic());
        db = TestDatabase.fresh();
        registry = new SimpleMeterRegistry();
        metrics = new FileMetrics(registry);
    }

    @org.junit.jupiter.api.AfterEach
    void closeProducers() {
        ingesters.forEach(FileIngester::close);
    }

    @Test
    void aJsonLinesFileAndAGzipCsvWithItsMappingBecomeEventsAndTheirBadRowsDeadLetters() throws Exception {
        Files.writeString(drop.resolve("0001.jsonl"), voice("j-1", "+447700900001", "+447700900002") + "\n"
                + "\n" // a blank line is nothing
                + "{\"eventId\":\"j-2\",\"type\":\"VOICE\"}\n"
                + voice("j-3", "+447700900003", "+88213500001") + "\n");
        gzip(drop.resolve("0002.csv.gz"), """
                RECORD_TYPE;CALLING;CALLED;START_TIME;DUR;ANS;IMSI;IMEI;CELL;OUT_TRUNK;CDR_ID
                MOC;07700900011;0088213500002;20260301120000;65;1;234150000000011;35000000000011;CELL-7;INTL-GW-1;sw1-77
                MTC;+33612345678;07700900012;20260301120500;0;0;;;CELL-8;;sw1-78
                MOC;07700900013;not-a-number;20260301121000;10;1;;;;;sw1-79
                """);
        List<DropFolder.Taken> taken = folder(ingester(mapping())).takeAll();

        assertThat(taken).extracting(t -> t.outcome().kind()).containsExactly(Outcome.Kind.DONE, Outcome.Kind.DONE);
        assertThat(taken).extracting(t -> t.outcome().sent()).containsExactly(2L, 2L);
        assertThat(taken).extracting(t -> t.outcome().rejected()).containsExactly(1L, 1L);
        assertThat(drop.resolve("done/0001.jsonl")).exists();
        assertThat(drop.resolve("done/0002.csv.gz")).exists();
        assertThat(drop.resolve("0001.jsonl")).doesNotExist();

        Map<String, ConsumerRecord<byte[], byte[]>> events = byEventId(read(target.eventsTopic(), 4, true));
        assertThat(events).containsOnlyKeys("j-1", "j-3", "sw1-77", "sw1-78");
        assertThat(key(events.get("j-3"))).isEqualTo("+447700900003");
        JsonNode moc = JSON.readTree(events.get("sw1-77").value());
        assertThat(key(events.get("sw1-77"))).isEqualTo("+447700900011");
        assertThat(moc.get("type").asText()).isEqualTo("VOICE");
        assertThat(moc.get("direction").asText()).isEqualTo("MO");
        assertThat(moc.get("subscriber").asText()).isEqualTo("+447700900011");
        assertThat(moc.get("aNumber").asText()).isEqualTo("+447700900011");
        assertThat(moc.get("bNumber").asText()).isEqualTo("+88213500002");
        assertThat(moc.get("timestamp").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(moc.get("durationSeconds").asInt()).isEqualTo(65);
        assertThat(moc.get("answered").asBoolean()).isTrue();
        assertThat(moc.get("imsi").asText()).isEqualTo("234150000000011");
        assertThat(moc.get("imei").asText()).isEqualTo("35000000000011");
        assertThat(moc.get("cellId").asText()).isEqualTo("CELL-7");
        assertThat(moc.get("trunk").asText()).isEqualTo("INTL-GW-1");
        JsonNode mtc = JSON.readTree(events.get("sw1-78").value());
        assertThat(mtc.get("direction").asText()).isEqualTo("MT");
        assertThat(mtc.get("subscriber").asText()).as("the called home subscriber").isEqualTo("+447700900012");
        assertThat(mtc.get("answered").asBoolean()).isFalse();
        assertThat(mtc.has("imsi")).as("empty cells are left out").isFalse();

        List<ConsumerRecord<byte[], byte[]>> dead = read(target.deadLetterTopic(), 2, true);
        assertThat(dead).hasSize(2);
        Map<String, ConsumerRecord<byte[], byte[]>> bySource = dead.stream()
                .collect(Collectors.toMap(r -> header(r, "ringfence.source"), Function.identity()));
        assertThat(bySource).containsOnlyKeys("file:0001.jsonl:3", "file:0002.csv.gz:4");
        ConsumerRecord<byte[], byte[]> badJson = bySource.get("file:0001.jsonl:3");
        assertThat(new String(badJson.value(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":\"j-2\",\"type\":\"VOICE\"}");
        assertThat(header(badJson, "ringfence.reason")).isNotBlank();
        ConsumerRecord<byte[], byte[]> badCsv = bySource.get("file:0002.csv.gz:4");
        assertThat(new String(badCsv.value(), StandardCharsets.UTF_8)).startsWith("MOC;07700900013;not-a-number;");
        assertThat(header(badCsv, "ringfence.field")).isEqualTo("bNumber");
        assertThat(header(badCsv, "ringfence.reason")).containsIgnoringCase("E.164");

        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertThat(jdbc.queryForList("SELECT file_name || ' ' || state || ' ' || rows_sent || ' ' || rows_rejected"
                + " FROM ingest_file ORDER BY file_name", String.class))
                .containsExactly("0001.jsonl DONE 2 1", "0002.csv.gz DONE 2 1");
        assertThat(registry.get("ringfence.ingest.rows").tag("outcome", "sent").counter().count()).isEqualTo(4);
        assertThat(registry.get("ringfence.ingest.rows").tag("outcome", "rejected").counter().count()).isEqualTo(2);
        assertThat(registry.get("ringfence.ingest.files").tag("outcome", "done").counter().count()).isEqualTo(2);
        assertThat(registry.get("ringfence.ingest.files.waiting").gauge().value()).isZero();
    }

    @Test
    void theSameFileDroppedTwiceIsTakenOnce() throws Exception {
        String content = voice("d-1", "+447700900001", "+447700900002") + "\n" + voice("d-2", "+447700900001", "+447700900003") + "\n";
        Files.writeString(drop.resolve("cdr-0001.jsonl"), content);
        DropFolder folder = folder(ingester(null));
        assertThat(folder.takeAll()).extracting(t -> t.outcome().kind()).containsExactly(Outcome.Kind.DONE);
        // again, under another name and compressed: the same content
        gzip(drop.resolve("cdr-0001-resent.jsonl.gz"), content);
        Files.writeString(drop.resolve("cdr-0001.jsonl"), content);
        List<DropFolder.Taken> again = folder.takeAll();

        assertThat(again).extracting(t -> t.outcome().kind()).containsExactly(Outcome.Kind.DUPLICATE, Outcome.Kind.DUPLICATE);
        assertThat(drop.resolve("failed/cdr-0001.jsonl")).exists();
        assertThat(Files.readString(drop.resolve("failed/cdr-0001.jsonl.reasons"))).contains("already ingested")
                .contains("cdr-0001.jsonl");
        assertThat(drop.resolve("failed/cdr-0001-resent.jsonl.gz.reasons")).exists();
        assertThat(read(target.eventsTopic(), 3, true)).as("the first delivery's two events, and no more").hasSize(2);
        assertThat(registry.get("ringfence.ingest.files").tag("outcome", "duplicate").counter().count()).isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeReadGoesToFailedWithItsReason() throws Exception {
        byte[] notReallyGzip = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Files.write(drop.resolve("broken.jsonl.gz"), notReallyGzip);
        Files.writeString(drop.resolve("cdrs.xlsx"), "not a format we read");
        Files.writeString(drop.resolve("cdrs.csv"), "A,B\n1,2\n");
        Files.writeString(drop.resolve(".being-written.jsonl"), voice("w-1", "+447700900001", "+447700900002"));
        Files.writeString(drop.resolve("later.jsonl.part"), voice("w-2", "+447700900001", "+447700900002"));

        List<DropFolder.Taken> taken = folder(ingester(null)).takeAll();

        assertThat(taken).extracting(t -> t.file().getFileName().toString())
                .as("files still being written are left alone").containsExactly("broken.jsonl.gz", "cdrs.csv", "cdrs.xlsx");
        assertThat(taken).allSatisfy(t -> assertThat(t.outcome().kind()).isEqualTo(Outcome.Kind.FAILED));
        assertThat(Files.readString(drop.resolve("failed/broken.jsonl.gz.reasons"))).contains("cannot read the file");
        assertThat(Files.readString(drop.resolve("failed/cdrs.csv.reasons"))).contains("needs a column mapping");
        assertThat(Files.readString(drop.resolve("failed/cdrs.xlsx.reasons"))).contains("unknown format");
        assertThat(drop.resolve(".being-written.jsonl")).exists();
        assertThat(read(target.eventsTopic(), 1, false)).isEmpty();
        assertThat(registry.get("ringfence.ingest.files").tag("outcome", "failed").counter().count()).isEqualTo(3);
    }

    @Test
    void aCsvWhoseHeaderLacksAMappedColumnFailsWhole() throws Exception {
        Files.writeString(drop.resolve("other-switch.csv"), "X;Y\n1;2\n");
        List<DropFolder.Taken> taken = folder(ingester(mapping())).takeAll();
        assertThat(taken.get(0).outcome().kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(Files.readString(drop.resolve("failed/other-switch.csv.reasons")))
                .contains("no column 'CDR_ID' (column.eventId), 'CALLING' (column.aNumber), 'CALLED' (column.bNumber)")
                .contains("'RECORD_TYPE' (column.callType)");
        assertThat(new JdbcTemplate(db).queryForObject("SELECT state FROM ingest_file", String.class)).isEqualTo("FAILED");
    }

    @Test
    void aRunThatDiesHalfWayThroughAFileLeavesNothingVisibleAndTheNextRunSendsItWhole() throws Exception {
        writeFourEvents("0007.jsonl");
        FileIngester dying = new FileIngester(target, new Ledger(db), null, metrics, new FileIngester.CrashPoint() {
            @Override
            public void afterRow(long rowsRead) {
                if (rowsRead == 2) {
                    throw new SimulatedCrash();
                }
            }
        });
        ingesters.add(dying);
        assertThatThrownBy(() -> folder(dying).takeAll()).isInstanceOf(SimulatedCrash.class);
        assertThat(drop.resolve("0007.jsonl")).as("still waiting").exists();
        // the dead run's producer sends in the background: wait until its two records are in the log
        for (long until = System.nanoTime() + 30_000_000_000L; read(target.eventsTopic(), 2, false).size() < 2; ) {
            assertThat(System.nanoTime()).as("the dead run's records reached the broker").isLessThan(until);
            Thread.sleep(100);
        }

        List<DropFolder.Taken> taken = folder(ingester(null)).takeAll();

        assertThat(taken).extracting(t -> t.outcome().kind()).containsExactly(Outcome.Kind.DONE);
        List<ConsumerRecord<byte[], byte[]>> committed = read(target.eventsTopic(), 4, true);
        assertThat(committed).extracting(r -> JSON.readTree(r.value()).get("eventId").asText())
                .containsExactlyInAnyOrder("c-1", "c-2", "c-3", "c-4");
        assertThat(read(target.eventsTopic(), 6, false)).as("the dead run's two sends are in the log, aborted").hasSize(6);
        assertThat(new JdbcTemplate(db).queryForObject("SELECT state || ' ' || rows_sent FROM ingest_file", String.class))
                .isEqualTo("DONE 4");
    }

    @Test
    void aRunThatDiesBetweenKafkasCommitAndTheLedgerIsNotSentAgain() throws Exception {
        writeFourEvents("0008.jsonl");
        FileIngester dying = new FileIngester(target, new Ledger(db), null, metrics, new FileIngester.CrashPoint() {
            @Override
            public void afterCommit() {
                throw new SimulatedCrash();
            }
        });
        ingesters.add(dying);
        assertThatThrownBy(() -> folder(dying).takeAll()).isInstanceOf(SimulatedCrash.class);
        assertThat(new JdbcTemplate(db).queryForObject("SELECT state FROM ingest_file", String.class)).isEqualTo("INGESTING");

        List<DropFolder.Taken> taken = folder(ingester(null)).takeAll();

        assertThat(taken).extracting(t -> t.outcome().kind()).containsExactly(Outcome.Kind.DONE);
        assertThat(drop.resolve("done/0008.jsonl")).exists();
        assertThat(read(target.eventsTopic(), 5, false)).as("every record of the topic, committed or not").hasSize(4);
        assertThat(new JdbcTemplate(db).queryForObject("SELECT state || ' ' || rows_sent FROM ingest_file", String.class))
                .isEqualTo("DONE 4");
    }

    @Test
    void theIngestCommandTakesAFolderOnceAndSaysWhatBecameOfEachFile() throws Exception {
        Files.writeString(drop.resolve("a.jsonl"), voice("cli-1", "+447700900001", "+447700900002") + "\n");
        Files.writeString(drop.resolve("b.csv"), "RECORD_TYPE;CALLING\n");
        String[] args = {"ingest", "--dir", drop.toString(), "--bootstrap-servers", kafka.getBrokersAsString(),
                "--jdbc-url", TestDatabase.jdbcUrl(db), "--db-user", "postgres", "--topic", target.eventsTopic(),
                "--dead-letter-topic", target.deadLetterTopic(), "--marker-topic", target.markerTopic(),
                "--transactional-id", target.transactionalId()};

        Cli first = Cli.run(args);

        assertThat(first.code).as(first.toString()).isEqualTo(2);
        assertThat(first.out).contains("DONE      a.jsonl  1 events, 0 rejected rows")
                .contains("FAILED    b.csv").contains("needs a column mapping").contains("2 files taken");
        Files.writeString(drop.resolve("a-again.jsonl"), voice("cli-1", "+447700900001", "+447700900002") + "\n");
        Cli second = Cli.run(args);
        assertThat(second.code).as(second.toString()).isZero();
        assertThat(second.out).contains("DUPLICATE a-again.jsonl");
        assertThat(read(target.eventsTopic(), 1, true)).hasSize(1);

        Cli missing = Cli.run("ingest", "--dir", drop.resolve("nowhere").toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("cannot read folder").contains("no such folder");
    }

    @Test
    void feedSendsAFileToTheTopicKeyedBySubscriberBadLinesIncluded() throws Exception {
        Path file = drop.resolve("test-calls.jsonl");
        Files.writeString(file, voice("f-1", "+447700900001", "+447700900002") + "\n"
                + voice("f-2", "+447700900003", "+447700900002") + "\nnot json\n");

        Cli run = Cli.run("feed", "--file", file.toString(), "--rate", "100", "--bootstrap-servers",
                kafka.getBrokersAsString(), "--topic", target.eventsTopic());

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("3 events sent to " + target.eventsTopic());
        List<ConsumerRecord<byte[], byte[]>> sent = read(target.eventsTopic(), 3, true);
        assertThat(sent).extracting(r -> r.key() == null ? null : key(r))
                .containsExactlyInAnyOrder("+447700900001", "+447700900003", null);
        assertThat(file).as("feed leaves the file where it is").exists();
    }

    /** The command line in this JVM, as an operator runs it. */
    private record Cli(int code, String out, String err) {
        static Cli run(String... args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = io.ringfence.cli.RingfenceCli.commandLine().setOut(new java.io.PrintWriter(out, true))
                    .setErr(new java.io.PrintWriter(err, true)).execute(args);
            return new Cli(code, out.toString(), err.toString());
        }
    }

    /** What a dead JVM does after this point: nothing. An Error, so no catch in the ingester runs. */
    private static final class SimulatedCrash extends Error {
    }

    private void writeFourEvents(String name) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            b.append(voice("c-" + i, "+44770090000" + i, "+447700900100")).append('\n');
        }
        Files.writeString(drop.resolve(name), b);
    }

    private FileIngester ingester(ColumnMapping mapping) {
        FileIngester i = new FileIngester(target, db, mapping, metrics);
        ingesters.add(i);
        return i;
    }

    private DropFolder folder(FileIngester ingester) {
        return new DropFolder(drop, ingester, metrics);
    }

    private static ColumnMapping mapping() throws IOException {
        Properties p = new Properties();
        try (var in = CdrFileIngestTest.class.getResourceAsStream("/mediation/switch-cdr.properties")) {
            p.load(in);
        }
        return ColumnMapping.of(p);
    }

    private static String voice(String id, String a, String b) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"VOICE\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"subscriber\":\"" + a
                + "\",\"direction\":\"MO\",\"aNumber\":\"" + a + "\",\"bNumber\":\"" + b
                + "\",\"answered\":true,\"durationSeconds\":30}";
    }

    private static void gzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return TopicReader.header(r, name);
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> byEventId(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.toMap(r -> {
            try {
                return JSON.readTree(r.value()).get("eventId").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Function.identity()));
    }

    /** Everything on the topic now; {@code expectedAtMost} guards against a test that reads more than it should. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expectedAtMost, boolean committedOnly) {
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.read(kafka.getBrokersAsString(), topic, committedOnly);
        assertThat(out.size()).isLessThanOrEqualTo(expectedAtMost);
        return out;
    }
}
