package io.ringfence.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time spent by each party of the run: the service, PostgreSQL (the postmaster on the run's port and its backends),
 * this JVM (the broker, the simulator and producer, the watchers) and every other process on the
 * machine. CPU per event does not depend on what else the machine runs, so it says what a rate would
 * cost where wall-clock figures on a shared two-core machine cannot.
 */
final class CpuMeter {
    record Snapshot(long nanos, Map<String, Long> cpuNanos) {
    }

    private final List<Long> servicePids;
    private final int postgresPort;

    /** @param servicePids the service's instances: their CPU is summed */
    CpuMeter(List<Long> servicePids, int postgresPort) {
        this.servicePids = List.copyOf(servicePids);
        this.postgresPort = postgresPort;
    }

    Snapshot snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("service", servicePids.stream().mapToLong(p -> cpu(ProcessHandle.of(p).orElse(null))).sum());
        m.put("postgres", postgres());
        long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        m.put("harness", self);
        long machine = machineBusyNanos();
        m.put("machine", machine);
        return new Snapshot(System.nanoTime(), m);
    }

    /**
     * @return per party: microseconds of CPU per durable event, and cores used on average; "others" is the
     * machine's busy time that none of the parties account for (another build, say)
     */
    static Map<String, Object> between(Snapshot a, Snapshot b, long events) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        long parties = 0;
        for (String k : a.cpuNanos().keySet()) {
            long used = b.cpuNanos().get(k) - a.cpuNanos().get(k);
            if (!k.equals("machine")) {
                parties += used;
                out.put(k, party(used, seconds, events));
            }
        }
        long machine = b.cpuNanos().get("machine") - a.cpuNanos().get("machine");
        if (machine > 0) {
            out.put("others", party(Math.max(0, machine - parties), seconds, events));
            out.put("machineCoresBusy", Math.round(machine / 1e9 / seconds * 100) / 100.0);
        }
        return out;
    }

    private static Map<String, Object> party(long nanos, double seconds, long events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuMicrosPerEvent", events == 0 ? null : Math.round(nanos / 1e3 / events * 10) / 10.0);
        m.put("cores", Math.round(nanos / 1e9 / seconds * 100) / 100.0);
        return m;
    }

    /** The postmaster listening on our port (pg_ctl leaves it parented to init) and its backends. */
    private long postgres() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(String.valueOf(postgresPort))).orElse(false))
                .mapToLong(p -> cpu(p) + p.descendants().mapToLong(CpuMeter::cpu).sum())
                .sum();
    }

    private static long cpu(ProcessHandle p) {
        return p == null ? 0 : p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Busy time of all cores from /proc/stat (user, nice, system, irq, softirq, steal); 0 where there is none. */
    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
