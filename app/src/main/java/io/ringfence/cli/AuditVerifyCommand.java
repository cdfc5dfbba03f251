package io.ringfence.cli;

import io.ringfence.audit.ChainVerifier;
import io.ringfence.audit.HeadSigningKeys;
import io.ringfence.audit.PublishedHeads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "audit-verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recomputes the audit trail's hash chains (one per day) and names the first broken row.",
                "With --heads, also checks each chain against the heads the service signed outside the database,",
                "which catches a day rewritten together with its stored head.",
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

    @Option(names = "--heads", paramLabel = "DIR",
            description = "the folder of published heads (audit-heads-YYYY-MM-DD.jsonl, ringfence.audit.heads.dir)")
    Path heads;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "the Ed25519 public key (PEM) the heads are signed with; repeat for keys rotated out")
    List<Path> publicKeys = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String pw = password != null ? password : System.getenv("PGPASSWORD");
        if (heads != null) {
            return withHeads(out, pw);
        }
        if (!publicKeys.isEmpty()) {
            throw new CliException("--public-key needs --heads (the folder of published heads)");
        }
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

    private Integer withHeads(PrintWriter out, String pw) {
        if (publicKeys.isEmpty()) {
            throw new CliException("--heads needs --public-key (the key the heads are signed with)");
        }
        if (!Files.isDirectory(heads)) {
            throw new CliException("--heads " + heads + " is not a folder");
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Path f : publicKeys) {
            try {
                PublicKey k = HeadSigningKeys.readPublic(f);
                keys.put(HeadSigningKeys.keyId(k), k);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
        }
        PublishedHeads.Report report;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, pw)) {
            report = new PublishedHeads().verify(c, heads, keys, day);
        } catch (SQLException e) {
            throw new CliException("cannot verify the audit trail at " + jdbcUrl + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
        for (PublishedHeads.Day d : report.days()) {
            ChainVerifier.DayResult r = d.chain();
            String published = d.lastPublishedSeq() == 0 ? "no published head"
                    : d.lastPublishedSeq() == r.entries() ? "published" : "published to seq " + d.lastPublishedSeq();
            out.printf(Locale.ROOT, "%s  %,9d entries  %s  %s%n", r.day(), r.entries(),
                    r.firstBreak() == null ? "last hash " + r.lastHash() : "BROKEN", published);
        }
        for (LocalDate dropped : report.dropped()) {
            out.printf(Locale.ROOT, "%s  published, no longer in the database (older than its oldest day: retention)%n", dropped);
        }
        out.printf(Locale.ROOT, "published heads: %d in %d files%n", report.headsChecked(), report.files());
        if (!report.intact()) {
            out.println("audit trail broken: " + report.firstBreak());
            if (report.breaks().size() > 1) {
                out.printf(Locale.ROOT, "(%d more breaks)%n", report.breaks().size() - 1);
            }
            out.flush();
            return BROKEN;
        }
        out.printf(Locale.ROOT, "audit trail intact and matches its published heads: %d days, %,d entries%n",
                report.days().size(), report.days().stream().mapToLong(x -> x.chain().entries()).sum());
        out.flush();
        return 0;
    }
}
