package io.ringfence.reference;

import io.ringfence.event.NumberLookupAnswer;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A number-intelligence service behind a cache, so that the stream never waits for it. The first sighting of a
 * number reads nothing and queues a lookup on this cache's own threads; later events of the number read the
 * answer. A lookup that outlasts the timeout is cancelled; one that fails or times out is not asked again before
 * {@code retryAfter}, so a service that is down costs one attempt per number per interval, not one per event.
 * When the queue is full the request is dropped and counted (shed), not waited for. An answer older than its
 * time to live is still read while a fresh one is asked for: a number's network changes rarely, and stale
 * knowledge beats none.
 */
public final class CachedNumberLookup implements NumberLookups, AutoCloseable {
    /**
     * @param timeout    longest a lookup may take, queue wait included
     * @param ttl        how long an answer is fresh
     * @param retryAfter how long a failed or timed-out number waits before it is asked again
     * @param maxEntries answers and failures held; the least recently read go first
     * @param threads    lookups in flight at once
     * @param maxPending lookups waiting for a thread; past it requests are shed
     * @param minRisk    the service's risk figure from which a number counts as high-cost (services give most
     *                   numbers a small baseline risk, which must not make every call abroad expensive)
     */
    public record Settings(Duration timeout, Duration ttl, Duration retryAfter, int maxEntries, int threads,
                           int maxPending, double minRisk) {
        public Settings {
            if (timeout.isNegative() || timeout.isZero() || ttl.isNegative() || ttl.isZero() || retryAfter.isNegative()
                    || retryAfter.isZero()) {
                // A zero retryAfter would ask a service that is down again at every sighting of every number.
                throw new IllegalArgumentException("number lookup timeout, ttl and retryAfter must be positive");
            }
            if (!(minRisk >= 0 && minRisk <= 1)) {
                throw new IllegalArgumentException("number lookup minRisk must be within [0, 1]");
            }
            if (maxEntries < 1 || threads < 1 || maxPending < 1) {
                throw new IllegalArgumentException("number lookup cache size, threads and queue must be at least 1");
            }
        }
    }

    /** Running totals, for metrics. */
    public record Counts(long hits, long misses, long answered, long failed, long timedOut, long shed, int held) {
    }

    /** An answer (null after a failure) and until when it stands. */
    private record Entry(NumberLookupAnswer answer, long freshUntilMillis) {
    }

    private final NumberLookup service;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Entry> cache;
    /** Number to the token of its lookup in flight: only the holder of the current token may settle it. */
    private final ConcurrentHashMap<String, Object> pending = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder shed = new LongAdder();

    public CachedNumberLookup(NumberLookup service, Settings settings, Clock clock) {
        this.service = service;
        this.settings = settings;
        this.clock = clock;
        int max = settings.maxEntries();
        this.cache = new LinkedHashMap<>(Math.min(max, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > max;
            }
        };
        this.workers = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.maxPending()), daemons("number-lookup-"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemons("number-lookup-timer-"));
        // A lookup that answers in time cancels its deadline: it must leave the timer's queue, not wait there.
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    public String source() {
        return service.source();
    }

    @Override
    public double minRisk() {
        return settings.minRisk();
    }

    @Override
    public NumberLookupAnswer answered(String e164) {
        Entry e;
        synchronized (cache) {
            e = cache.get(e164);
        }
        if (e != null && e.freshUntilMillis() > clock.millis()) {
            (e.answer() != null ? hits : misses).increment();
            return e.answer();
        }
        misses.increment();
        ask(e164);
        return e == null ? null : e.answer();
    }

    private void ask(String e164) {
        Object token = new Object();
        if (pending.putIfAbsent(e164, token) != null) {
            return;
        }
        try {
            workers.execute(() -> resolve(e164, token));
        } catch (RejectedExecutionException full) {
            // Every thread busy and the queue full, or the cache closed: dropped, asked again at a later sighting.
            pending.remove(e164, token);
            shed.increment();
        }
    }

    /**
     * On a worker: the timeout counts from here, so a lookup that waited in the queue is not written off before the
     * service was asked. The timer interrupts a call that outlasts it; a service that ignores interrupts keeps its
     * thread, but the number is settled (timed out) at once either way.
     */
    private void resolve(String e164, Object token) {
        Thread worker = Thread.currentThread();
        boolean[] running = {true};
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> {
                if (settle(e164, token, null)) {
                    timedOut.increment();
                    synchronized (running) {
                        // Only while this lookup runs: an interrupt must never reach the worker's next task.
                        if (running[0]) {
                            worker.interrupt();
                        }
                    }
                }
            }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            pending.remove(e164, token);
            return;
        }
        NumberLookupAnswer answer = null;
        boolean timeout = false;
        try {
            answer = service.lookup(e164);
        } catch (InterruptedException e) {
            timeout = true;
        } catch (java.net.http.HttpTimeoutException | java.net.SocketTimeoutException | java.util.concurrent.TimeoutException e) {
            timeout = true;
        } catch (Exception | LinkageError e) {
            answer = null;
        } finally {
            deadline.cancel(false);
        }
        synchronized (running) {
            running[0] = false;
        }
        // The timer's interrupt, if it came, was for this lookup: the worker's next task must not inherit it.
        Thread.interrupted();
        if (settle(e164, token, answer)) {
            (answer != null ? answered : timeout ? timedOut : failed).increment();
        }
    }

    /**
     * Records the outcome of the number's lookup in flight if {@code token} still names it (the worker and the timer
     * race; exactly one wins), under the cache's lock so that no read sees the number neither pending nor answered.
     */
    private boolean settle(String e164, Object token, NumberLookupAnswer answer) {
        long until = clock.millis() + (answer == null ? settings.retryAfter() : settings.ttl()).toMillis();
        synchronized (cache) {
            if (pending.get(e164) != token) {
                return false;
            }
            Entry before = cache.get(e164);
            // A failed refresh keeps the stale answer readable and waits retryAfter before the next attempt.
            NumberLookupAnswer kept = answer != null ? answer : before == null ? null : before.answer();
            cache.put(e164, new Entry(kept, until));
            pending.remove(e164, token);
            return true;
        }
    }

    public Counts counts() {
        int held;
        synchronized (cache) {
            held = cache.size();
        }
        return new Counts(hits.sum(), misses.sum(), answered.sum(), failed.sum(), timedOut.sum(), shed.sum(), held);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
