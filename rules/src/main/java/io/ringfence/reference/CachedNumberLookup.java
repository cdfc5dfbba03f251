package io.ringfence.reference;

import io.ringfence.event.NumberLookupAnswer;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
     */
    public record Settings(Duration timeout, Duration ttl, Duration retryAfter, int maxEntries, int threads,
                           int maxPending) {
        public Settings {
            if (timeout.isNegative() || timeout.isZero() || ttl.isNegative() || ttl.isZero() || retryAfter.isNegative()) {
                throw new IllegalArgumentException("number lookup timeout and ttl must be positive, retryAfter not negative");
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
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("number-lookup-timer-"));
    }

    public String source() {
        return service.source();
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
        Future<?> call;
        try {
            call = workers.submit(() -> resolve(e164, token));
        } catch (RejectedExecutionException full) {
            pending.remove(e164, token);
            shed.increment();
            return;
        }
        timer.schedule(() -> {
            if (pending.remove(e164, token)) {
                call.cancel(true);
                timedOut.increment();
                remember(e164, null);
            }
        }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resolve(String e164, Object token) {
        NumberLookupAnswer answer;
        try {
            answer = service.lookup(e164);
        } catch (InterruptedException e) {
            // Cancelled by the timer, which has settled the number already.
            Thread.currentThread().interrupt();
            return;
        } catch (Exception | LinkageError e) {
            if (pending.remove(e164, token)) {
                failed.increment();
                remember(e164, null);
            }
            return;
        }
        if (pending.remove(e164, token)) {
            if (answer == null) {
                failed.increment();
            } else {
                answered.increment();
            }
            remember(e164, answer);
        }
    }

    private void remember(String e164, NumberLookupAnswer answer) {
        long until = clock.millis() + (answer == null ? settings.retryAfter() : settings.ttl()).toMillis();
        synchronized (cache) {
            Entry before = cache.get(e164);
            // A failed refresh keeps the stale answer readable and waits retryAfter before the next attempt.
            NumberLookupAnswer kept = answer != null ? answer : before == null ? null : before.answer();
            cache.put(e164, new Entry(kept, until));
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
