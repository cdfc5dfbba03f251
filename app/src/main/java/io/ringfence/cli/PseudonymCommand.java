package io.ringfence.cli;

import io.ringfence.logging.LogPseudonyms;
import io.ringfence.logging.Pseudonymiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What the logs call a given number, for a compliance officer who must find every line about one
 * subscriber. The key is read from a file or the environment, never from the command line, which
 * other users of the machine can see.
 */
@Command(name = "pseudonym", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the log pseudonym of each number, one a line (docs/security.md).",
                "Key: --key-file, else the " + LogPseudonyms.KEY_ENV + " environment variable."})
final class PseudonymCommand implements Callable<Integer> {

    @Option(names = "--key-file", paramLabel = "FILE", description = "file holding ringfence.logging.pseudonym-key")
    Path keyFile;

    @Parameters(arity = "1..*", paramLabel = "NUMBER", description = "an E.164 number (+4477...) or a bare IMSI/IMEI")
    List<String> values;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Pseudonymiser pseudonymiser = Pseudonymiser.ofKey(key());
        PrintWriter out = spec.commandLine().getOut();
        for (String v : values) {
            try {
                out.println(pseudonymiser.pseudonym(v.strip()));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        out.flush();
        return 0;
    }

    private String key() {
        String key;
        if (keyFile != null) {
            try {
                key = Files.readString(keyFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
            }
        } else {
            key = System.getenv(LogPseudonyms.KEY_ENV);
            if (key == null || key.isBlank()) {
                throw new CliException("no key: pass --key-file or set " + LogPseudonyms.KEY_ENV
                        + " (a service without a key draws a random one per run, whose pseudonyms nobody can recompute)");
            }
        }
        try {
            return LogPseudonyms.checked(key);
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }
}
