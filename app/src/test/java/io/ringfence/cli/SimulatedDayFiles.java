package io.ringfence.cli;

import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.label.Label;
import io.ringfence.label.LabelJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A simulated day as the demo jar's {@code simulate} writes it: events and labels as JSON Lines. */
final class SimulatedDayFiles {
    private SimulatedDayFiles() {
    }

    static void write(Path events, Path labels, long seed, int subscribers, int incidents) {
        TrafficSimulator sim = new TrafficSimulator(new SimulationConfig(seed, subscribers,
                Instant.parse("2026-03-02T00:00:00Z"), 24, incidents, SimulationConfig.Family.TUNED));
        try (OutputStream e = new BufferedOutputStream(Files.newOutputStream(events))) {
            for (TelecomEvent event : sim) {
                EventJson.writeLine(event, e);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try (OutputStream l = new BufferedOutputStream(Files.newOutputStream(labels))) {
            for (Label label : sim.labels()) {
                LabelJson.writeLine(label, l);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
