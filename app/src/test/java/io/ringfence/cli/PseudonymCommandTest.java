package io.ringfence.cli;

import io.ringfence.logging.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymCommandTest {
    private static final String KEY = "the operator's log key, 32 chars";

    @Test
    void printsWhatTheLogsCallEachNumber(@TempDir Path dir) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("key"), KEY + "\n");

        CliRun run = CliRun.of("pseudonym", "--key-file", keyFile, "+447700900123", "234150000000001");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Pseudonymiser logs = Pseudonymiser.ofKey(KEY);
        // What a log line shows for the same values.
        assertThat(run.out().lines()).containsExactly(logs.apply("+447700900123"),
                logs.apply("imsi=234150000000001").substring("imsi=".length()));
        assertThat(run.out()).startsWith("+44#");
        assertThat(RingfenceCli.isCommand(new String[] {"pseudonym"})).as("java -jar runs it, not the service").isTrue();
    }

    @Test
    void somethingThatIsNoNumberIsAOneLineError(@TempDir Path dir) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("key"), KEY);

        CliRun run = CliRun.of("pseudonym", "--key-file", keyFile, "alice");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("pseudonym: 'alice' is neither an E.164 number").doesNotContain("Exception");
    }

    @Test
    void aShortKeyIsRefused(@TempDir Path dir) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("key"), "short");

        CliRun run = CliRun.of("pseudonym", "--key-file", keyFile, "+447700900123");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("at least 16 characters");
    }
}
