package io.ringfence.simulation;

import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.Alert;
import io.ringfence.detection.RuleSet;
import io.ringfence.features.FeatureTracker;
import io.ringfence.event.TelecomEvent;
import io.ringfence.output.AlertText;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.LabelScorer;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Until the streaming service exists, starting the application shows what detection and the decide
 * stage do: a simulated day goes through the pipeline, each alert and decision is logged as it is
 * made, and the day ends with recall and precision against the simulator's ground truth.
 */
@Component
@ConditionalOnProperty(name = "ringfence.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoRunner implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final RuleSet rules;
    private final ReferenceDataRepository reference;
    private final DecisionAssets assets;
    private final CustomerSegments segments;
    private final DemoProperties properties;

    public DemoRunner(RuleSet rules, ReferenceDataRepository reference, DecisionAssets assets,
                      CustomerSegments segments, DemoProperties properties) {
        this.rules = rules;
        this.reference = reference;
        this.assets = assets;
        this.segments = segments;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        long seed = properties.seed() != null ? properties.seed() : ThreadLocalRandom.current().nextLong();
        SimulationConfig config = new SimulationConfig(seed, properties.subscribers(), SimulationConfig.DEFAULT_START,
                24, properties.incidents());
        log.info("Demo: simulating one day, {} subscribers, seed {} (repeat with --ringfence.demo.seed={})",
                config.subscribers(), seed, seed);
        TrafficSimulator sim = new TrafficSimulator(config);
        List<LabelScorer.ScoredAlert> scored = new ArrayList<>();
        AlertDecisions.Sink sink = new AlertDecisions.Sink() {
            @Override
            public void alert(Alert alert) {
                log.info("ALERT    {}", AlertText.line(alert));
            }

            @Override
            public void decided(Decider.Outcome o) {
                if (o.emitted()) {
                    log.info("DECISION {}", AlertText.line(o.decision()));
                }
            }

            @Override
            public void closed(Alert a) {
                scored.add(new LabelScorer.ScoredAlert(a.getTypology().name(), a.getSubject().kind().name(),
                        a.getSubject().value(), a.getDetectedAt()));
            }
        };
        FeatureTracker features = new FeatureTracker();
        AlertDecisions decisions = new AlertDecisions(new Decider(assets, features, segments, rules.version(),
                rules.parameters().millis("decision.repeatPeriod")));
        long events = 0;
        long start = System.nanoTime();
        try (DetectionPipeline pipeline = new DetectionPipeline(rules, reference, decisions, features::observe)) {
            for (TelecomEvent e : sim) {
                pipeline.process(e);
                decisions.drain(sink);
                events++;
            }
        }
        decisions.drain(sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info(String.format(Locale.ROOT, "Demo: %,d events, %,d alerts in %.1f s (%,.0f events/s); "
                        + "scored against %d labels:%n%s", events, scored.size(), seconds, events / Math.max(seconds, 1e-3),
                sim.labels().size(), LabelScorer.table(LabelScorer.score(sim.labels(), scored))));
    }
}
