package io.ringfence.simulation;

import io.ringfence.config.DetectionSetup;
import io.ringfence.detection.RuleSet;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.label.LabelScorer;
import io.ringfence.simulation.SimulatedDetectionReport.FamilyResult;
import io.ringfence.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "detection-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulates days of each scenario family, runs them through detection and prints recall,",
                "precision and median time to detect per typology, pooled over the seeds (docs/detection.md)."})
final class DetectionReportCommand implements Callable<Integer> {

    @Option(names = "--family", paramLabel = "FAMILY", split = ",", defaultValue = "tuned,unseen",
            converter = SimulateCommand.FamilyConverter.class,
            description = "scenario families, comma-separated (default: ${DEFAULT-VALUE})")
    List<SimulationConfig.Family> families;

    @Option(names = "--seeds", paramLabel = "N", split = ",", defaultValue = "1,2,3",
            description = "seeds, comma-separated; each family runs each seed (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "3000", description = "ordinary subscribers per day (default: ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--hours", paramLabel = "N", defaultValue = "24", description = "length of each day (default: ${DEFAULT-VALUE})")
    int hours;

    @Option(names = "--incidents", paramLabel = "N", defaultValue = "6", description = "incidents per kind, at least (default: ${DEFAULT-VALUE})")
    int incidents;

    @Option(names = "--parameters", paramLabel = "FILE", description = "rule parameter overrides (.properties)")
    Path parameters;

    @Option(names = "--false-alerts", description = "also list what the false alerts landed on (look-alike kind, fraud of another typology, ordinary line)")
    boolean falseAlerts;

    @Option(names = "--anomalies", description = "also run each day through the whole pipeline and say where the fraud "
            + "model's ANOMALY alerts landed, and what the watch cost per event")
    boolean anomalies;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReferenceDataRepository reference = DetectionSetup.loadReference(null, null);
        RuleSet rules = DetectionSetup.compileRules(parameters);
        long t0 = System.nanoTime();
        List<FamilyResult> results = new ArrayList<>();
        for (SimulationConfig.Family f : families) {
            results.add(SimulatedDetectionReport.run(rules, reference, f, seeds, subscribers, hours, incidents,
                    line -> {
                        err.println(line);
                        err.flush();
                    }));
        }
        out.printf(Locale.ROOT, "Rule set %s; %d seed(s) %s per family, %,d subscribers, %d h, %d incidents per kind; %.0f s%n%n",
                rules.version(), seeds.size(), seeds, subscribers, hours, incidents, (System.nanoTime() - t0) / 1e9);
        out.print(SimulatedDetectionReport.markdown(results));
        for (FamilyResult r : results) {
            out.printf(Locale.ROOT, "%n%s (%,d events):%n", r.family().name().toLowerCase(Locale.ROOT), r.events());
            out.print(LabelScorer.table(r.pooled()));
            if (falseAlerts) {
                r.falseAlertSources().forEach((k, n) -> out.printf(Locale.ROOT, "  false alerts %-60s %5d%n", k, n));
            }
        }
        if (anomalies) {
            for (SimulationConfig.Family f : families) {
                out.printf(Locale.ROOT, "%n%s", SimulatedAnomalyReport.text(SimulatedAnomalyReport.run(rules, reference, f,
                        seeds, subscribers, hours, incidents)));
            }
        }
        out.flush();
        return 0;
    }
}
