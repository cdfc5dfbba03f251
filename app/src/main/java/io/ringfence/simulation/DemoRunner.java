package io.ringfence.simulation;

import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.detection.RuleSet;
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
 * Until the streaming service exists, starting the application shows what detection does: a
 * simulated day goes through the pipeline, each alert is logged as it is raised, and the day ends
 * with recall and precision against the simulator's ground truth.
 */
@Component
@ConditionalOnProperty(name = "ringfence.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoRunner implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final RuleSet rules;
    private final ReferenceDataRepository reference;
    private final DemoProperties properties;

    public DemoRunner(RuleSet rules, ReferenceDataRepository reference, DemoProperties properties) {
        this.rules = rules;
        this.reference = reference;
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
        AlertListener listener = new AlertListener() {
            @Override
            public void raised(Alert alert) {
                log.info("ALERT {}", AlertText.line(alert));
            }

            @Override
            public void closed(Alert a) {
                scored.add(new LabelScorer.ScoredAlert(a.getTypology().name(), a.getSubject().kind().name(),
                        a.getSubject().value(), a.getDetectedAt()));
            }
        };
        long events = 0;
        long start = System.nanoTime();
        try (DetectionPipeline pipeline = new DetectionPipeline(rules, reference, listener)) {
            for (TelecomEvent e : sim) {
                pipeline.process(e);
                events++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info(String.format(Locale.ROOT, "Demo: %,d events, %,d alerts in %.1f s (%,.0f events/s); "
                        + "scored against %d labels:%n%s", events, scored.size(), seconds, events / Math.max(seconds, 1e-3),
                sim.labels().size(), LabelScorer.table(LabelScorer.score(sim.labels(), scored))));
    }
}
