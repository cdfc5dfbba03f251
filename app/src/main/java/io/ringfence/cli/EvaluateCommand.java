package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.output.ScoredAlerts;
import io.ringfence.label.LabelJson;
import io.ringfence.label.Label;
import io.ringfence.label.LabelScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores an alerts file against ground-truth labels: recall and precision per typology.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--alerts", required = true, paramLabel = "ALERTS.jsonl", description = "alerts, as replay writes them")
    Path alerts;

    @Option(names = "--labels", required = true, paramLabel = "LABELS.jsonl", description = "labels, as simulate writes them")
    Path labels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReplayCommand.requireReadable(alerts, "alerts file");
        ReplayCommand.requireReadable(labels, "labels file");
        List<LabelScorer.ScoredAlert> scored = readAlerts(alerts);
        List<Label> truth;
        try {
            truth = LabelJson.readAll(labels);
        } catch (IOException e) {
            throw new CliException("cannot read labels file " + labels + ": " + IoMessages.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad labels file: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%,d alerts from %s against %,d labels from %s%n", scored.size(), alerts,
                truth.size(), labels);
        out.print(LabelScorer.table(LabelScorer.score(truth, scored)));
        out.flush();
        return 0;
    }

    private static List<LabelScorer.ScoredAlert> readAlerts(Path file) {
        try {
            return ScoredAlerts.readAll(file);
        } catch (IOException e) {
            throw new CliException("cannot read alerts file " + file + ": " + IoMessages.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad alerts file " + e.getMessage(), e);
        }
    }
}
