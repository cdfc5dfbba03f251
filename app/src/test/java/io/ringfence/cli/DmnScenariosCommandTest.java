package io.ringfence.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What an analyst runs before submitting a table: the gate's scenario check, on their own files. */
class DmnScenariosCommandTest {
    private static final String HEADER = "scenario,typology,ruleId,severity,score,subjectKind,segment,customerValue,"
            + "repeatOffences,exposure,origin,expect.action,expect.blockHours\n";

    @Test
    void theShippedTablePassesItsScenarios() {
        CliRun run = CliRun.of("dmn-scenarios");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).containsPattern("\\d+ scenarios, \\d+ pass, 0 fail").doesNotContain("FAIL");
        assertThat(RingfenceCli.isCommand(new String[] {"dmn-scenarios"})).isTrue();
    }

    @Test
    void anEditedTableFailsNamingTheScenariosAndYourOwnAreRunToo(@TempDir Path dir) throws IOException {
        String dmn;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/ringfence/decision/disposition.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String row = "<dmn:outputEntry id=\"disposition-wangiri-o4\">\n          <dmn:text>168</dmn:text>";
        assertThat(dmn).contains(row);
        Path table = Files.writeString(dir.resolve("draft.dmn"), dmn.replace(row, row.replace("168", "24")));
        Path mine = Files.writeString(dir.resolve("mine.scenarios.csv"), HEADER
                + "small line blocks for two days,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,48\n");

        CliRun run = CliRun.of("dmn-scenarios", "--model", table, "--scenarios", mine);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).contains("FAIL scenario 'wangiri one-ring blocks the number without a case' (line ")
                .contains("blockHours expected 168, got 24")
                .contains("FAIL scenario 'small line blocks for two days' (line 2): blockHours expected 48, got 72")
                .containsPattern("scenarios, \\d+ pass, 3 fail");
    }

    @Test
    void aScenarioFileMistakeIsAOneLineErrorWithItsLine(@TempDir Path dir) throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.scenarios.csv"), HEADER.replace("segment", "segmnt"));

        CliRun run = CliRun.of("dmn-scenarios", "--scenarios", mine);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("dmn-scenarios: ").contains("line 1: unknown column 'segmnt'")
                .doesNotContain("Exception");
    }
}
