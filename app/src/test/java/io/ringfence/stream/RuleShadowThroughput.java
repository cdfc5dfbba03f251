package io.ringfence.stream;

import io.ringfence.config.DecisionSetup;
import io.ringfence.config.DetectionSetup;
import io.ringfence.decision.BlockRegistry;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import io.ringfence.tracing.Traces;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a rule set in shadow costs a partition per event (docs/benchmarks.md): the same simulated day through the
 * stream's own per-event path with the live rules alone, and with a challenger beside them (the same rules compiled a
 * second time, so every decision is matched), rounds alternating. Not a test: a measurement, run by hand with
 * {@code java -cp ... io.ringfence.stream.RuleShadowThroughput SUBSCRIBERS [ROUNDS]}.
 *
 * <p>CPU only: no Kafka, no database; the rows the challenger adds are written by the batch's transaction in the
 * service, one per decision of either side, a few per thousand events.
 */
public final class RuleShadowThroughput {
    private RuleShadowThroughput() {
    }

    public static void main(String[] args) {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // Parsed from JSON once, as the stream's records are: each pass gets fresh event objects (enrichment mutates them).
        List<byte[]> day = new ArrayList<>();
        for (TelecomEvent e : new TrafficSimulator(SimulationConfig.day(7, subscribers))) {
            day.add(EventJson.toJsonBytes(e));
        }
        RuleSet live = DetectionSetup.compileRules(null);
        RuleSet challenger = DetectionSetup.compileRules(null);
        ReferenceDataRepository reference = DetectionSetup.loadReference(null, null);
        DecisionAssets models = DecisionSetup.assets(null, null);
        CustomerSegments segments = DecisionSetup.segments(null);
        System.out.printf(Locale.ROOT, "%d subscribers, %,d events; %d rounds, alternating%n", subscribers, day.size(), rounds);
        for (int round = 1; round <= rounds; round++) {
            for (boolean shadow : round % 2 == 1 ? new boolean[]{false, true} : new boolean[]{true, false}) {
                List<TelecomEvent> events = parsed(day);
                // The challenger's own copies, as the stream parses the record again for it (enrichment writes into events).
                List<TelecomEvent> copies = shadow ? parsed(day) : null;
                DecisionPipeline champion = new DecisionPipeline(live, reference, models, segments);
                DecisionPipeline other = shadow
                        ? new DecisionPipeline(challenger, reference, models, segments, BlockRegistry.inMemory()) : null;
                Batch batch = Batch.of(0, Traces.none());
                long t0 = System.nanoTime();
                for (int i = 0; i < events.size(); i++) {
                    batch.record(0, new RecordHeaders(), i);
                    if (champion.process(events.get(i), batch) && other != null) {
                        RuleChallenge.decide(other, "rules:bench", challenger.version(), copies.get(i), batch);
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                long agree = batch.shadowRules.stream().filter(r -> r.agrees()).count();
                System.out.printf(Locale.ROOT, "round %d, %s: %.1f s = %,.0f events/s, %.1f µs/event; %d live decisions,"
                                + " %d shadow rows (%d agree)%n", round, shadow ? "live + rule set in shadow" : "live alone",
                        s, events.size() / s, s * 1e6 / events.size(), batch.decisions.size(), batch.shadowRules.size(), agree);
                champion.close();
                if (other != null) {
                    other.close();
                }
            }
        }
    }

    private static List<TelecomEvent> parsed(List<byte[]> day) {
        EventParser parser = new EventParser();
        List<TelecomEvent> out = new ArrayList<>(day.size());
        for (byte[] json : day) {
            out.add(((ParseResult.Accepted) parser.parse(json)).event());
        }
        return out;
    }
}
