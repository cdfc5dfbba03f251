package io.ringfence.cli;

import io.ringfence.audit.ChainVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "audit-verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recomputes the audit trail's hash chains (one per day) and names the first broken row.",
                "Exit code 0: intact; " + AuditVerifyCommand.BROKEN + ": a chain is broken; 1: the check itself failed."})
final class AuditVerifyCommand implements Callable<Integer> {
    static final int BROKEN = 3;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "e.g. jdbc:postgresql://db:5432/ringfence")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", description = "database user")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "database password (default: the PGPASSWORD environment variable)")
    String password;

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "verify one day's chain (default: every day)")
    LocalDate day;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String pw = password != null ? password : System.getenv("PGPASSWORD");
        ChainVerifier.Result result;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, pw)) {
            ChainVerifier verifier = new ChainVerifier();
            result = day == null ? verifier.verifyAll(c) : verifier.verify(c, day);
        } catch (SQLException e) {
            throw new CliException("cannot verify the audit trail at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        for (ChainVerifier.DayResult d : result.days()) {
            out.printf(Locale.ROOT, "%s  %,9d entries  %s%n", d.day(), d.entries(),
                    d.firstBreak() == null ? "last hash " + d.lastHash() : "BROKEN");
        }
        if (!result.intact()) {
            out.println("audit trail broken: " + result.firstBreak());
            out.flush();
            return BROKEN;
        }
        out.printf(Locale.ROOT, "audit trail intact: %d days, %,d entries%n", result.days().size(), result.entries());
        out.flush();
        return 0;
    }
}
