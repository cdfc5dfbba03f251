package io.ringfence.backtest;

import io.ringfence.audit.EventHistoryReader;
import io.ringfence.mediation.IngestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A file of events uploaded for a backtest: read as the drop folder reads one, its bad rows named, its bounds kept. */
class EventsUploadTest {
    private static final Path MAPPING = Path.of("../docs/mediation/cdr-mapping.properties");

    private final List<EventsUpload> uploads = new ArrayList<>();
    @TempDir
    Path folder;

    @AfterEach
    void removeFiles() {
        assertThat(uploads).as("every file released or refused is forgotten, not only deleted")
                .allSatisfy(u -> assertThat(u.filesHeld()).isZero());
        uploads.forEach(EventsUpload::removeFiles);
        assertThat(folder.toFile().list()).as("nothing left in the upload folder").isEmpty();
    }

    @Test
    void jsonLinesAreReadInFileOrderAndTheBadRowsAreNamedByLine() throws Exception {
        String file = voice("e-1", "2026-03-01T12:00:00Z") + "\r\n"
                + "\n"
                + "{\"eventId\":\"e-2\",\"type\":\"VOICE\"}\r\n"
                + "not json at all\n"
                + voice("e-3", "2026-03-01T11:59:00Z") + "\n"
                + voice("e-4", "2026-03-01T12:05:00Z"); // no line break at the end
        byte[] bytes = gzip(file);

        EventsUpload.Received r = upload(DataSize.ofMegabytes(1), null).receive(new ByteArrayInputStream(bytes),
                "C:\\exports\\march 1st.jsonl.gz");

        EventsUpload.Input in = r.input();
        assertThat(in.name()).isEqualTo("march_1st.jsonl.gz");
        assertThat(in.bytes()).isEqualTo(bytes.length);
        assertThat(in.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(in.lines()).isEqualTo(6);
        assertThat(in.accepted()).isEqualTo(3);
        assertThat(in.rejected()).isEqualTo(2);
        assertThat(in.rejections()).extracting(EventsUpload.Rejection::line).containsExactly(3L, 4L);
        assertThat(in.rejections().get(1).reason()).startsWith("not valid JSON");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-03-01T12:05:00.001Z"));
        assertThat(r.events().count()).isEqualTo(3);

        List<String> read = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        assertThat(r.events().read(visitor(read, times, Integer.MAX_VALUE))).isTrue();
        assertThat(read).hasSize(3).allMatch(p -> p.startsWith("{\"eventId\":\"e-"));
        assertThat(read.get(1)).contains("\"e-3\"");
        assertThat(times).containsExactly(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli(),
                Instant.parse("2026-03-01T11:59:00Z").toEpochMilli(), Instant.parse("2026-03-01T12:05:00Z").toEpochMilli());
        read.clear();
        assertThat(r.events().read(visitor(read, new ArrayList<>(), 1))).as("the visitor stops the read").isFalse();
        assertThat(read).hasSize(1);

        assertThat(folder.toFile().list()).as("only the events, compressed, wait for the job").hasSize(1);
        r.events().release();
        assertThatThrownBy(() -> r.events().read(visitor(read, times, 10)))
                .as("the events are gone once the job ended").hasMessageContaining("cannot read the uploaded events");
    }

    @Test
    void csvCdrsAreReadThroughTheDropFoldersColumnMapping() {
        String csv = """
                RECORD_TYPE;CALLING;CALLED;START_TIME;DUR;ANS;IMSI;IMEI;CELL;OUT_TRUNK;CDR_ID
                MOC;07700900011;0088213500002;20260301120000;65;1;234150000000011;35000000000011;CELL-7;INTL-GW-1;sw1-77
                MOC;07700900013;not-a-number;20260301121000;10;1;;;;;sw1-79
                """;
        EventsUpload.Received r = upload(DataSize.ofMegabytes(1), MAPPING)
                .receive(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "cdrs.csv");
        assertThat(r.input().accepted()).isEqualTo(1);
        assertThat(r.input().rejections()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.field()).isNotNull();
        });
        List<String> read = new ArrayList<>();
        r.events().read(visitor(read, new ArrayList<>(), 10));
        assertThat(read).singleElement().asString().contains("\"sw1-77\"").contains("+88213500002");
        r.events().release();
    }

    @Test
    void aFileThatCannotBeUsedIsRefusedWithItsReason() {
        EventsUpload plain = upload(DataSize.ofMegabytes(1), null);
        assertThat(refusal(plain, "", "day.jsonl")).satisfies(e -> {
            assertThat(e.status).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("day.jsonl is empty; no backtest was started");
        });
        assertThat(refusal(plain, voice("e-1", "2026-03-01T12:00:00Z"), "day.txt")).satisfies(e -> {
            assertThat(e.status).isEqualTo(422);
            assertThat(e.getMessage()).startsWith("unknown format: the name must end in .jsonl");
        });
        assertThat(refusal(plain, "A;B\n1;2\n", "cdrs.csv").getMessage())
                .as("no mapping configured").startsWith("a CSV file needs a column mapping");
        BacktestRejected none = refusal(plain, "{}\n[]\n", "day.jsonl");
        assertThat(none.status).isEqualTo(422);
        assertThat(none.title).isEqualTo("No events in the file");
        assertThat(((EventsUpload.Input) none.properties.get("input")).rejections()).hasSize(2);

        StringBuilder big = new StringBuilder();
        while (big.length() <= 1024) {
            big.append(voice("e-" + big.length(), "2026-03-01T12:00:00Z")).append('\n');
        }
        BacktestRejected tooLarge = refusal(upload(DataSize.ofKilobytes(1), null), big.toString(), "day.jsonl");
        assertThat(tooLarge.status).isEqualTo(413);
        assertThat(tooLarge.getMessage()).contains("limited to 1 KB (ringfence.backtest.max-upload)");
        assertThat(folder.toFile().list()).as("a refused file is not kept").isEmpty();
    }

    @Test
    void aGzipFileThatInflatesPastItsBoundIsRefusedBeforeAnyRowIsRead() throws Exception {
        // 3 MB of line breaks compress to a few KB: what a gzip bomb of blank lines looks like, scaled down.
        byte[] bomb = gzip("\n".repeat(3 * 1024 * 1024));
        assertThat(bomb.length).isLessThan(10_000);
        EventsUpload u = upload(DataSize.ofMegabytes(1), null, DataSize.ofMegabytes(2));
        BacktestRejected e = assertThrows(() -> u.receive(new ByteArrayInputStream(bomb), "day.jsonl.gz"));
        assertThat(e.status).isEqualTo(413);
        assertThat(e.getMessage()).contains("inflates to more than 2 MB (ringfence.backtest.max-uncompressed)");
        byte[] truncated = java.util.Arrays.copyOf(gzip(voice("e-1", "2026-03-01T12:00:00Z")), 30);
        BacktestRejected cut = assertThrows(() -> u.receive(new ByteArrayInputStream(truncated), "day.jsonl.gz"));
        assertThat(cut.status).isEqualTo(422);
        assertThat(cut.getMessage()).contains("not a complete gzip file");
    }

    @Test
    void filesARunBeforeLeftBehindAreRemovedAtStartAndRecentOnesKept() throws Exception {
        Path old = Files.writeString(folder.resolve("events-left-by-a-crash.gz"), "x");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(folder.resolve("events-of-another-instance.gz"), "x");
        upload(DataSize.ofMegabytes(1), null).removeStaleFiles();
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        Files.delete(recent);
    }

    @Test
    void namesKeepOnlyTheirLastPartInSafeCharacters() {
        assertThat(EventsUpload.safeName(null)).isEqualTo("events.jsonl");
        assertThat(EventsUpload.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(EventsUpload.safeName("..")).isEqualTo("events.jsonl");
        assertThat(EventsUpload.safeName("a\"b<script>.jsonl")).isEqualTo("a_b_script_.jsonl");
        assertThat(EventsUpload.safeName("x".repeat(300) + ".csv.gz")).hasSize(100).endsWith(".csv.gz");
    }

    private EventsUpload upload(DataSize max, Path mapping) {
        return upload(max, mapping, DataSize.ofMegabytes(64));
    }

    private EventsUpload upload(DataSize max, Path mapping, DataSize inflated) {
        BacktestProperties p = new BacktestProperties(1, 1, Duration.ofDays(31), Duration.ofHours(1), 1000, 1000, 100,
                100, Duration.ofMinutes(2), max, inflated, folder);
        EventsUpload u = new EventsUpload(p, new IngestProperties(null, mapping, Duration.ofSeconds(5), "m", "t",
                Duration.ofMinutes(1)));
        uploads.add(u);
        return u;
    }

    private static BacktestRejected assertThrows(Runnable call) {
        try {
            call.run();
        } catch (BacktestRejected e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static BacktestRejected refusal(EventsUpload u, String content, String name) {
        try {
            u.receive(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name).events().release();
        } catch (BacktestRejected e) {
            return e;
        }
        throw new AssertionError("accepted " + name);
    }

    private static EventHistoryReader.Visitor visitor(List<String> payloads, List<Long> times, int stopAfter) {
        return (at, payload) -> {
            payloads.add(payload);
            times.add(at);
            return payloads.size() < stopAfter;
        };
    }

    private static String voice(String id, String at) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"VOICE\",\"timestamp\":\"" + at + "\",\"subscriber\":\"+447700900001\","
                + "\"direction\":\"MO\",\"aNumber\":\"+447700900001\",\"bNumber\":\"+447700900002\",\"answered\":true,"
                + "\"durationSeconds\":12}";
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
