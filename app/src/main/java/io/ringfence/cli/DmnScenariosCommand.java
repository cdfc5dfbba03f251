package io.ringfence.cli;

import io.ringfence.decision.DecisionModel;
import io.ringfence.decision.DecisionModelException;
import io.ringfence.decision.DmnScenarios;
import io.ringfence.decision.ScenarioFailure;
import io.ringfence.decision.ScenarioFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The upload gate's scenario check on an analyst's own machine, before they submit: the same scenarios, the same
 * runner, the same messages (docs/governance.md).
 */
@Command(name = "dmn-scenarios", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the shipped table's scenarios, and with --scenarios your own as well, on a disposition table.",
                "Exit 0 when every scenario passes, 1 when one fails or a file cannot be used."})
final class DmnScenariosCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "the table (DMN 1.1-1.6, as the editor saves it); default: the shipped one")
    Path model;

    @Option(names = "--scenarios", paramLabel = "FILE", description = "your own scenario CSV, checked as well as the shipped ones")
    Path scenarios;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DmnScenarios all;
        DecisionModel table;
        try {
            all = scenarios == null ? DmnScenarios.shipped() : DmnScenarios.shipped().and(DmnScenarios.parse(read(scenarios)));
        } catch (ScenarioFileException e) {
            throw new CliException((scenarios == null ? "the shipped scenarios" : scenarios.toString()) + ": "
                    + String.join("; ", e.messages()));
        }
        try {
            table = model == null ? DecisionModel.shipped() : DecisionModel.fromUpload(read(model), null);
        } catch (DecisionModelException e) {
            throw new CliException(model + ": " + e.getMessage());
        }
        DmnScenarios.Outcome outcome = all.run(table);
        for (ScenarioFailure f : outcome.failures()) {
            out.println("FAIL " + f.message());
        }
        out.println(outcome.scenarios() + " scenarios, " + (outcome.scenarios() - outcome.failures().size())
                + " pass, " + outcome.failures().size() + " fail (table " + table.version() + ")");
        out.flush();
        return outcome.passed() ? 0 : 1;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
