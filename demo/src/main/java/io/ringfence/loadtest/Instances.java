package io.ringfence.loadtest;

import io.ringfence.embedded.EmbeddedServers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service under test as one or more processes ({@code --instances}) on the run's servers: one consumer group, so
 * the partitions are split between them as between the pods of a deployment. What the harness measures of "the
 * service" is the sum of them: CPU, counters, the longest batch.
 */
final class Instances implements AutoCloseable {
    private final List<ServiceUnderTest> services;
    private final List<Path> logs;

    private Instances(List<ServiceUnderTest> services, List<Path> logs) {
        this.services = services;
        this.logs = logs;
    }

    /** @param log the first instance's log; the others' are beside it, numbered from 2 */
    static Instances start(int count, EmbeddedServers servers, String jdbcUrl, Path log, List<String> jvmArgs,
                           List<String> serviceArgs) throws IOException, InterruptedException {
        List<ServiceUnderTest> started = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                Path l = logOf(log, i);
                started.add(ServiceUnderTest.start(servers, jdbcUrl, l, jvmArgs, serviceArgs));
                logs.add(l);
            }
        } catch (IOException | RuntimeException e) {
            new Instances(started, logs).close();
            throw e;
        }
        return new Instances(List.copyOf(started), List.copyOf(logs));
    }

    static Path logOf(Path log, int instance) {
        if (instance == 1) {
            return log;
        }
        String name = log.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return log.resolveSibling(dot > 0 ? name.substring(0, dot) + "-" + instance + name.substring(dot)
                : name + "-" + instance);
    }

    /** Every instance has partitions and answers ready: more instances than partitions would leave one idle. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        for (ServiceUnderTest s : services) {
            s.awaitReady(timeout);
        }
    }

    List<Long> pids() {
        return services.stream().map(ServiceUnderTest::pid).toList();
    }

    List<Path> logs() {
        return logs;
    }

    /** The instances' counters and sums added up, their maxima the largest. */
    Map<String, Double> metrics() {
        Map<String, Double> all = new LinkedHashMap<>();
        for (ServiceUnderTest s : services) {
            s.metrics().forEach((k, v) -> all.merge(k, v, k.contains("_max") ? Math::max : Double::sum));
        }
        return all;
    }

    /** SIGTERM to all at once, then wait for each: a stopped one's partitions would otherwise move to the rest. */
    @Override
    public void close() throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceUnderTest s : services) {
            Thread t = new Thread(() -> {
                try {
                    s.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "loadtest-stop-" + s.pid());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
    }
}
