package io.ringfence.simulation;

import io.ringfence.cli.CliException;
import io.ringfence.cli.InstantConverter;
import io.ringfence.cli.OutputFiles;
import io.ringfence.config.IoMessages;
import io.ringfence.event.EventType;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.label.LabelJson;
import io.ringfence.label.Label;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes simulated traffic on the demo network, with its ground truth as labels.",
                "Ordinary subscribers, honest look-alikes and injected frauds of every typology."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "EVENTS.jsonl", description = "events out, in timestamp order")
    Path out;

    @Option(names = "--labels", required = true, paramLabel = "LABELS.jsonl", description = "one label per incident")
    Path labels;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default: a fresh one, printed)")
    Long seed;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "10000", description = "ordinary subscribers (default: ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--hours", paramLabel = "N", defaultValue = "24", description = "length of the period (default: ${DEFAULT-VALUE})")
    int hours;

    @Option(names = "--incidents", paramLabel = "N", defaultValue = "6", description = "incidents per fraud and look-alike kind, at least (default: ${DEFAULT-VALUE})")
    int incidents;

    @Option(names = "--start", paramLabel = "ISO", defaultValue = "2026-03-02T00:00:00Z",
            converter = InstantConverter.class, description = "start instant (default: ${DEFAULT-VALUE})")
    Instant start;

    @Option(names = "--family", paramLabel = "FAMILY", defaultValue = "tuned", converter = FamilyConverter.class,
            description = {"scenario family: tuned (default: what the rules were written and tested on) or unseen "
                    + "(held-out look-alikes and fraud shapes, on their own seeds; see docs/simulator.md)"})
    SimulationConfig.Family family;

    @Spec
    CommandSpec spec;

    /** Accepts the family's name in any case. */
    static final class FamilyConverter implements picocli.CommandLine.ITypeConverter<SimulationConfig.Family> {
        @Override
        public SimulationConfig.Family convert(String value) {
            try {
                return SimulationConfig.Family.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected tuned or unseen, not '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() {
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        SimulationConfig config;
        try {
            config = new SimulationConfig(s, subscribers, start, hours, incidents, family);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        OutputFiles.requireWritable(out, "events file");
        OutputFiles.requireWritable(labels, "labels file");
        long t0 = System.nanoTime();
        TrafficSimulator sim = new TrafficSimulator(config);
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        long events = 0;
        try (OutputStream o = OutputFiles.create(out, "events file")) {
            for (TelecomEvent e : sim) {
                EventJson.writeLine(e, o);
                byType.merge(e.getType(), 1L, Long::sum);
                events++;
            }
        } catch (IOException e) {
            throw new CliException("cannot write events file " + out + ": " + IoMessages.reason(e), e);
        }
        Map<String, Long> byLabel = new TreeMap<>();
        try (OutputStream o = OutputFiles.create(labels, "labels file")) {
            for (Label l : sim.labels()) {
                LabelJson.writeLine(l, o);
                byLabel.merge(l.kind() + " " + l.typology(), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new CliException("cannot write labels file " + labels + ": " + IoMessages.reason(e), e);
        }
        print(spec.commandLine().getOut(), config, events, byType, byLabel, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private void print(PrintWriter o, SimulationConfig c, long events, Map<EventType, Long> byType,
                       Map<String, Long> byLabel, double seconds) {
        o.printf(Locale.ROOT, "Simulated %d h from %s, seed %d, %,d subscribers, in %.1f s%s%n", c.hours(), c.start(),
                c.seed(), c.subscribers(), seconds,
                c.family() == SimulationConfig.Family.TUNED ? "" : ", family " + c.family().name().toLowerCase(Locale.ROOT));
        o.printf(Locale.ROOT, "Events %,d -> %s%n", events, out);
        byType.forEach((t, n) -> o.printf(Locale.ROOT, "  %-20s %,10d%n", t, n));
        o.printf(Locale.ROOT, "Labels %,d -> %s%n", byLabel.values().stream().mapToLong(Long::longValue).sum(), labels);
        byLabel.forEach((k, n) -> o.printf(Locale.ROOT, "  %-40s %,5d%n", k, n));
        o.flush();
    }
}
