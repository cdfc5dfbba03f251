package io.ringfence.mediation;

import io.ringfence.ingest.EventParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping format as docs/integration.md describes it, and the CSV rows it turns into events. */
class ColumnMappingTest {
    private static final String CHECKSUM = "ab".repeat(32);

    @Test
    void theDocumentedExampleLoadsAndReadsItsOwnSampleRows() throws Exception {
        ColumnMapping m = ColumnMapping.load(Path.of("..", "docs", "mediation", "cdr-mapping.properties"));
        CsvCdrs csv = new CsvCdrs(m, new EventParser(), CHECKSUM);
        assertThat(csv.header("RECORD_TYPE;CALLING;CALLED;START_TIME;DUR;ANS;IMSI;IMEI;CELL;OUT_TRUNK;CDR_ID")).isTrue();
        Row row = csv.row(2, bytes("MOC;07700900011;0088213500002;20260301120000;65;1;234150000000011;35000000000011;CELL-7;INTL-GW-1;sw1-77"));
        assertThat(row.accepted()).as(String.valueOf(row.reason())).isTrue();
        // Europe/London is on GMT in March before the clocks change
        assertThat(new String(row.value(), StandardCharsets.UTF_8)).contains("\"timestamp\":\"2026-03-01T12:00:00Z\"")
                .contains("\"bNumber\":\"+88213500002\"");
    }

    @Test
    void everyProblemOfABrokenMappingIsNamedAtOnce() {
        assertThatThrownBy(() -> mapping("""
                column.aNumber=A
                start.format=not a pattern {{
                callType.X=VOICE SIDEWAYS
                colum.bNumber=B
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column.bNumber is required")
                .hasMessageContaining("column.start is required")
                .hasMessageContaining("start.format")
                .hasMessageContaining("callType.X must be")
                .hasMessageContaining("unknown key 'colum.bNumber'");
    }

    @Test
    void aWrongMappingStopsTheServiceFromStartingRatherThanFailingEveryCsvFile(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path wrong = java.nio.file.Files.writeString(dir.resolve("mapping.properties"), "column.aNumber=A\n");
        IngestProperties props = new IngestProperties(dir.resolve("drop"), wrong, java.time.Duration.ofSeconds(5),
                "m", "t", java.time.Duration.ofMinutes(1));
        DropFolderWatcher watcher = new DropFolderWatcher(props, null, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        assertThatThrownBy(watcher::start).isInstanceOf(io.ringfence.startup.StartupRefused.class)
                .hasMessageContaining("ringfence.ingest.mapping").hasMessageContaining("column.bNumber is required");
        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void withoutAHeaderColumnsArePositionsAndTheRowsIdsComeFromTheFile() throws Exception {
        ColumnMapping m = mapping("""
                header=false
                column.aNumber=1
                column.bNumber=2
                column.start=3
                column.duration=4
                start.format=epoch-seconds
                callType.default=VOICE MO
                """);
        CsvCdrs csv = new CsvCdrs(m, new EventParser(), CHECKSUM);
        assertThat(csv.header("447700900001,447700900002,1772366400,0")).as("no header to skip").isFalse();
        Row unanswered = csv.row(7, bytes("447700900001,447700900002,1772366400,0"));
        String json = new String(unanswered.value(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"eventId\":\"cdr-abababababababab-7\"").contains("\"answered\":false")
                .contains("\"aNumber\":\"+447700900001\"");
        Row late = csv.row(8, bytes("447700900001,447700900002,yesterday,0"));
        assertThat(late.accepted()).isFalse();
        assertThat(late.field()).isEqualTo("timestamp");
        assertThat(csv.row(9, bytes("447700900001,\"unclosed")).reason()).isEqualTo("unclosed quote");
        assertThat(csv.row(10, bytes("447700900001")).reason()).contains("the row has 1 columns");
    }

    private static ColumnMapping mapping(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return ColumnMapping.of(p);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
