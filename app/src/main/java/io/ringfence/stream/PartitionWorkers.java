package io.ringfence.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run a poll's partitions at the same time ({@code ringfence.stream.threads}): each partition's
 * pipeline is used by one thread at a time, and {@link #runAll} returns only when every partition of the poll is
 * done, so that the commit, a rule switch and a rebalance never meet a running partition. With one thread (or a
 * poll of one partition) the work runs on the consumer thread, as it always did.
 */
final class PartitionWorkers implements AutoCloseable {
    /** A partition's share of the poll, which may throw what the poll loop recovers from. */
    interface Work<T> {
        T run() throws ExecutionException, InterruptedException;
    }

    private final int threads;
    private final ExecutorService pool;

    PartitionWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ringfence.stream.threads must be 1 or more (0 or unset: one per"
                    + " available processor), not " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ringfence-partition-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code ringfence.stream.threads}: 0 means one per available processor. */
    static int threads(int configured) {
        return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
    }

    int threads() {
        return threads;
    }

    /**
     * Runs each work, in parallel when there are threads for it, and waits for all of them, also when one fails:
     * none may still be running when the caller goes on (or recovers). Results come in the order given.
     *
     * @throws ExecutionException, RuntimeException what the first failed work threw, in the order given
     */
    <T> List<T> runAll(List<Work<T>> work) throws ExecutionException, InterruptedException {
        List<T> out = new ArrayList<>(work.size());
        if (pool == null || work.size() == 1) {
            for (Work<T> w : work) {
                out.add(w.run());
            }
            return out;
        }
        List<Callable<T>> tasks = new ArrayList<>(work.size());
        work.forEach(w -> tasks.add(w::run));
        List<Future<T>> done = pool.invokeAll(tasks);
        Throwable failed = null;
        for (Future<T> f : done) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                failed = failed == null ? e.getCause() : failed;
            }
        }
        if (failed instanceof RuntimeException r) {
            throw r;
        }
        if (failed instanceof Error err) {
            throw err;
        }
        if (failed instanceof ExecutionException e) {
            throw e; // the batch in flight did not commit (seen while a partition was rebuilt)
        }
        if (failed instanceof InterruptedException e) {
            throw e;
        }
        if (failed != null) {
            throw new ExecutionException(failed);
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
