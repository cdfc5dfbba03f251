package io.ringfence.cli;

import io.ringfence.config.DecisionSetup;
import io.ringfence.config.DetectionSetup;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.config.IoMessages;
import io.ringfence.detection.RuleSet;
import io.ringfence.label.LabelJson;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.label.Label;
import io.ringfence.label.LabelScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the rules over a JSON Lines file of events in timestamp order, on event time.",
                "Bad lines go to the rejects file; the exit code is non-zero only when replay itself fails."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--events", required = true, paramLabel = "IN.jsonl", description = "events, one JSON object per line")
    Path events;

    @Option(names = "--alerts", required = true, paramLabel = "ALERTS.jsonl", description = "alerts out (created or truncated)")
    Path alerts;

    @Option(names = "--decisions", required = true, paramLabel = "DECISIONS.jsonl",
            description = "decisions out (created or truncated)")
    Path decisions;

    @Option(names = "--rejects", paramLabel = "REJECTS.jsonl",
            description = "rejected lines with line number, reason and original bytes; without it, a count and the first reasons go to stderr")
    Path rejects;

    @Option(names = "--network", paramLabel = "NETWORK.json", description = "network profile (default: the demo network)")
    Path network;

    @Option(names = "--parameters", paramLabel = "FILE", description = "rule parameter overrides (.properties)")
    Path parameters;

    @Option(names = "--reference", paramLabel = "DIR", description = "folder with the reference CSV files (default: the shipped ones)")
    Path reference;

    @Option(names = "--decision-model", paramLabel = "MODEL.dmn",
            description = "disposition model (DMN) to decide with instead of the shipped one: try a new version on history")
    Path decisionModel;

    @Option(names = "--scoring-model", paramLabel = "MODEL.pmml",
            description = "fraud-score model (PMML) to score with instead of the shipped one")
    Path scoringModel;

    @Option(names = "--segments", paramLabel = "SEGMENTS.csv",
            description = "customer segment and monthly value per MSISDN prefix (default: the shipped demo list)")
    Path segments;

    @Option(names = "--labels", paramLabel = "LABELS.jsonl", description = "ground truth: print recall and precision per typology at the end")
    Path labels;

    @Option(names = "--quiet", description = "no progress display and no summary")
    boolean quiet;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "where the stack traces of internal errors go (default: replay-errors.log beside the alerts file);"
                    + " created only if there is one")
    Path errors;

    @Option(names = "--debug", description = "print the stack traces of internal errors on stderr as well")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Cheap checks first, so a typo does not wait for the rules to compile.
        requireReadable(events, "events file");
        OutputFiles.requireWritable(alerts, "alerts file");
        OutputFiles.requireWritable(decisions, "decisions file");
        if (rejects != null) {
            OutputFiles.requireWritable(rejects, "rejects file");
        }
        OutputFiles.requireWritable(errorsFile(), "stack traces file");
        List<Label> truth = labels == null ? null : readLabels(labels);
        ReferenceDataRepository referenceData = DetectionSetup.loadReference(reference, network);
        long compileStart = System.nanoTime();
        RuleSet rules = DetectionSetup.compileRules(parameters);
        DecisionAssets assets = DecisionSetup.assets(decisionModel, scoringModel);
        CustomerSegments customerSegments = DecisionSetup.segments(segments);
        double compileSeconds = (System.nanoTime() - compileStart) / 1e9;

        ReplayStats stats;
        Faults faults = new Faults(errorsFile(), debug ? err : null);
        try (faults;
             OutputStream alertsOut = OutputFiles.create(alerts, "alerts file");
             OutputStream decisionsOut = OutputFiles.create(decisions, "decisions file");
             OutputStream rejectsOut = rejects == null ? null : OutputFiles.create(rejects, "rejects file")) {
            Replay replay = new Replay(rules, referenceData, assets, customerSegments, Progress.onTerminal(err, quiet));
            Rejects rejected = new Rejects(rejectsOut);
            stats = replay.run(() -> open(events, "events file"), new Replay.Outputs(alerts, alertsOut, decisions, decisionsOut),
                    rejects, rejected, faults);
            if (rejected.count() > 0 && rejectsOut == null) {
                reportRejectsOnStderr(err, rejected);
            }
            if (faults.count() > 0) {
                reportFaultsOnStderr(err, faults);
            }
        } catch (IOException e) {
            // Reads of the events file and closing (flushing) the outputs end up here.
            throw new CliException("replay failed: " + IoMessages.reason(e), e);
        }
        if (!quiet) {
            out.print(ReplaySummary.text(this, stats, rules, assets, compileSeconds, errorsFile()));
        }
        if (truth != null) {
            out.println();
            out.print(LabelScorer.table(LabelScorer.score(truth, stats.scored)));
            out.println();
            out.print(DecisionScore.table(truth, stats.decided));
        }
        out.flush();
        return 0;
    }

    /** Where the stack traces of internal errors go: --errors, or beside the alerts file. */
    Path errorsFile() {
        if (errors != null) {
            return errors;
        }
        Path parent = alerts.toAbsolutePath().getParent();
        return parent == null ? Path.of("replay-errors.log") : parent.resolve("replay-errors.log");
    }

    private static void reportFaultsOnStderr(PrintWriter err, Faults faults) {
        err.printf(Locale.ROOT, "%,d events set aside after an internal error (the run went on without them;"
                + " stack traces in %s); the first:%n", faults.count(), faults.file());
        for (String s : faults.sample()) {
            err.println("  " + s);
        }
        err.flush();
    }

    private static void reportRejectsOnStderr(PrintWriter err, Rejects rejected) {
        err.printf(Locale.ROOT, "%,d lines rejected (give --rejects FILE to keep them); the first:%n", rejected.count());
        for (String s : rejected.sample()) {
            err.println("  " + s);
        }
        err.flush();
    }

    private static List<Label> readLabels(Path file) {
        requireReadable(file, "labels file");
        try {
            return LabelJson.readAll(file);
        } catch (IOException e) {
            throw new CliException("cannot read labels file " + file + ": " + IoMessages.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad labels file: " + e.getMessage(), e);
        }
    }

    static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + what + " " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new CliException("cannot read " + what + " " + file + ": permission denied");
        }
    }

    private static InputStream open(Path file, String what) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + what + " " + file + ": " + IoMessages.reason(e), e);
        }
    }
}
