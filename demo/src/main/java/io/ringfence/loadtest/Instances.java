package io.ringfence.loadtest;

import io.ringfence.embedded.EmbeddedServers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A file a JVM option names (a GC log, a flight recording): up to the next ':' or ','. */
    private static final Pattern FILE_OPTION = Pattern.compile("(file(?:name)?=)([^:,]+)");

    /**
     * @param log   the first instance's log; the others' are beside it, numbered from 2
     * @param label added to the names of files the JVM options write (a GC log, a flight recording), with the
     *              instance's number from 2, so that no two processes write one file ("" for the run itself)
     */
    static Instances start(int count, EmbeddedServers servers, String jdbcUrl, Path log, String label,
                           List<String> jvmArgs, List<String> serviceArgs) throws IOException, InterruptedException {
        List<ServiceUnderTest> started = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                Path l = logOf(log, i);
                String suffix = label + (i == 1 ? "" : "-" + i);
                started.add(ServiceUnderTest.start(servers, jdbcUrl, l, ownFiles(jvmArgs, suffix), serviceArgs));
                logs.add(l);
            }
        } catch (IOException | RuntimeException e) {
            try {
                new Instances(started, logs).close();
            } catch (InterruptedException stopped) {
                e.addSuppressed(stopped);
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return new Instances(List.copyOf(started), List.copyOf(logs));
    }

    static List<String> ownFiles(List<String> jvmArgs, String suffix) {
        if (suffix.isEmpty()) {
            return jvmArgs;
        }
        return jvmArgs.stream().map(a -> {
            Matcher m = FILE_OPTION.matcher(a);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String file = m.group(2);
                int dot = file.lastIndexOf('.');
                String renamed = dot > file.lastIndexOf('/') + 1
                        ? file.substring(0, dot) + suffix + file.substring(dot) : file + suffix;
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + renamed));
            }
            m.appendTail(out);
            return out.toString();
        }).toList();
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

    /**
     * Every instance has partitions and answers ready (more instances than partitions would leave one idle), all
     * within the one timeout: they start at the same time.
     */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        for (ServiceUnderTest s : services) {
            s.awaitReady(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
        }
    }

    List<Long> pids() {
        return services.stream().map(ServiceUnderTest::pid).toList();
    }

    List<Path> logs() {
        return logs;
    }

    /**
     * The instances' counters and sums added up, their maxima the largest; {@code unavailable} when any instance's
     * could not be read (a sum without it would be wrong, not smaller).
     */
    Map<String, Double> metrics() {
        Map<String, Double> all = new LinkedHashMap<>();
        for (ServiceUnderTest s : services) {
            s.metrics().forEach((k, v) -> {
                int labels = k.indexOf('{');
                boolean max = (labels < 0 ? k : k.substring(0, labels)).endsWith("_max");
                all.merge(k, v, max ? Math::max : Double::sum);
            });
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
