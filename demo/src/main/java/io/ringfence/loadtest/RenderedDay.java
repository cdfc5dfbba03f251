package io.ringfence.loadtest;

import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The simulated day as the switches would send it, rendered to records before anything is measured:
 * simulating and writing JSON belong to the mediation platform, on its own machines, not to the two
 * cores the service is measured on.
 */
final class RenderedDay {
    final List<byte[]> keys = new ArrayList<>();
    final List<byte[]> values = new ArrayList<>();
    private long[] eventTimes = new long[1024];
    private int[] partitions = new int[1024];

    RenderedDay(SimulationConfig day, int partitionCount, long maxEvents) {
        Iterator<TelecomEvent> events = new TrafficSimulator(day).iterator();
        while (events.hasNext() && keys.size() < maxEvents) {
            TelecomEvent e = events.next();
            byte[] key = e.getSubscriber().getBytes(StandardCharsets.UTF_8);
            int i = keys.size();
            if (i == eventTimes.length) {
                eventTimes = java.util.Arrays.copyOf(eventTimes, i * 2);
                partitions = java.util.Arrays.copyOf(partitions, i * 2);
            }
            keys.add(key);
            values.add(EventJson.toJsonBytes(e));
            eventTimes[i] = e.getTimestampMillis();
            // The default partitioner's choice for a keyed record, made here so that the offset is known.
            partitions[i] = Utils.toPositive(Utils.murmur2(key)) % partitionCount;
        }
    }

    int size() {
        return keys.size();
    }

    long eventTime(int i) {
        return eventTimes[i];
    }

    int partition(int i) {
        return partitions[i];
    }
}
