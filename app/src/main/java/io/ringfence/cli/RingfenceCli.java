package io.ringfence.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The command-line tools. They run without Spring: a batch replay needs no application context,
 * and starting one would cost seconds and log noise per run.
 */
@Command(name = "ringfence", mixinStandardHelpOptions = true, versionProvider = RingfenceCli.Version.class,
        subcommands = {ReplayCommand.class, EvaluateCommand.class, AuditVerifyCommand.class,
                PseudonymCommand.class, IngestCommand.class, FeedCommand.class, DmnScenariosCommand.class, BacktestCommand.class,
                HelpCommand.class},
        description = {"Ringfence telecom fraud management.",
                "Without arguments, java -jar ringfence.jar starts the application (for now: a demo on simulated traffic)."})
public final class RingfenceCli implements Runnable {
    /** First arguments that mean "run a command-line tool" rather than "start the application". */
    private static final Set<String> ENTRY_POINTS = Set.of("replay", "evaluate", "audit-verify", "pseudonym", "ingest", "feed", "dmn-scenarios",
            "help", "--help", "-h", "--version", "-V");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        Set<String> names = new HashSet<>(ENTRY_POINTS);
        tools().forEach(t -> names.add(t.name()));
        return names.contains(args[0]);
    }

    /** The commands other artifacts on the class path add (none in the production service). */
    static List<CliTool> tools() {
        return ServiceLoader.load(CliTool.class, RingfenceCli.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** A configured command line; tests set their own out and err writers on it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RingfenceCli());
        tools().forEach(t -> cl.addSubcommand(t.name(), t.command()));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof CliException || e instanceof io.ringfence.config.SetupException) {
                err.println(commandLine.getCommandName() + ": " + e.getMessage());
            } else {
                // Not the operator's fault: one line, and the whole trace where whoever reports it can find it.
                err.println(commandLine.getCommandName() + ": internal error: " + e);
                if (commandLine.getCommand() instanceof ReplayCommand replay && replay.debug) {
                    e.printStackTrace(err);
                } else {
                    err.println("  the stack trace is in " + InternalErrors.write(commandLine.getCommandName(), e));
                }
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RingfenceCli.class.getPackage().getImplementationVersion();
            return new String[] {"ringfence " + (v == null ? "(development build)" : v)};
        }
    }
}
