package io.ringfence.governance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs an analyst's upload check (DRL compilation, a DMN's compilation and probe, a PMML's load and trial
 * score) off the request thread, within a time and an allocation budget, on a bounded number of workers.
 *
 * <p>A check over its time budget is interrupted. Neither the DMN engine's FEEL nor the rule compiler nor JPMML looks
 * at interrupts, so a check still running shortly after is stopped with {@link Thread#stop()}, which Java 17
 * still honours: the thread unwinds with {@link ThreadDeath} through code that holds only the check's own
 * objects (the model is compiled into a runtime of its own and is not live). A check over its memory budget is
 * stopped at once, with no grace: what it allocates meanwhile may be heap it keeps. On a JVM that no longer
 * supports it the thread is abandoned instead: it keeps its worker slot until it ends, so abandoned checks
 * can take at most {@code workers} threads, after which checks are refused (503) until a restart. Each
 * outcome is counted ({@code ringfence_governance_checks_total}).
 */
@Component
class CheckBudget {
    private static final Logger log = LoggerFactory.getLogger(CheckBudget.class);
    /** How often the watchdog reads each running check's clock and allocation. */
    private static final long WATCH_MILLIS = 20;
    /** How long an interrupted check has to end by itself before it is stopped. */
    private static final long GRACE_MILLIS = 250;

    private final CheckBudgetProperties budget;
    private final List<Slot> workers = new java.util.ArrayList<>();
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final com.sun.management.ThreadMXBean threads;
    private final AtomicInteger numbers = new AtomicInteger();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    CheckBudget(CheckBudgetProperties budget, MeterRegistry meters) {
        this.budget = budget;
        this.meters = meters;
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ringfence-check-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param what the upload as the refusal names it ("Decision model", "Rule set", "Scoring model")
     * @throws ChangeRejected 422 when the check runs over a budget, 503 when every worker is taken
     */
    <T> T run(String what, Supplier<T> check) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Running r = new Running(what, result);
        Slot slot = new Slot();
        Thread worker = new Thread(() -> {
            r.start(Thread.currentThread(), allocated());
            Object value = null;
            Throwable failure = null;
            try {
                value = check.get();
                // The watchdog samples every few milliseconds: a check that allocates past its budget between two
                // samples and finishes is caught here, by its own final count.
                if (allocated() - r.allocatedAtStart > budget.allocation().toBytes()
                        && r.over("its memory budget (" + size(budget.allocation()) + " allocated)")) {
                    value = null;
                    failure = new IllegalStateException("over budget");
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                running.remove(r);
                if (r.overBudget != null && r.stops == 0 && r.endedAtNanos != 0) {
                    count("interrupted");
                }
                // Before the answer: the waiting request may hand the analyst's next upload straight in.
                slot.handBack();
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }, "ringfence-check-" + numbers.incrementAndGet());
        worker.setDaemon(true);
        slot.thread = worker;
        if (!admit(slot)) {
            count("busy");
            throw new ChangeRejected(503, what + " not checked", "every check worker (" + budget.workers()
                    + ") is busy with another upload; try again shortly; nothing was submitted");
        }
        running.add(r);
        worker.start();
        try {
            // The watchdog ends a check over budget; this wait is only a backstop for the watchdog itself.
            @SuppressWarnings("unchecked")
            T value = (T) result.get(budget.time().toMillis() + 10 * GRACE_MILLIS, TimeUnit.MILLISECONDS);
            count("passed");
            return value;
        } catch (ExecutionException e) {
            if (r.overBudget != null) {
                throw overBudget(what, r.overBudget);
            }
            if (e.getCause() instanceof RuntimeException re) {
                count("refused");
                throw re;
            }
            count("failed");
            throw new ChangeRejected(422, what + " refused", "checking it failed: " + e.getCause()
                    + "; nothing was submitted");
        } catch (TimeoutException e) {
            if (r.over("its time budget (" + seconds(budget.time()) + ")")) {
                end(r);
            }
            throw overBudget(what, r.overBudget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (r.over("the request was cancelled")) {
                end(r);
            }
            throw new ChangeRejected(503, what + " not checked", "the request was cancelled; nothing was submitted");
        }
    }

    /**
     * A worker slot is held until its check's own last statement hands it back, or its thread is gone: an
     * abandoned check never reaches that statement, so it cannot hand its slot back by mistake, and a stopped
     * one cannot keep it. Handing back before the thread has died matters: the request that waited on a check
     * answers as soon as the result is in, and the analyst's next upload may arrive while the finished thread
     * is still exiting.
     */
    private synchronized boolean admit(Slot slot) {
        workers.removeIf(Slot::free);
        if (workers.size() >= Math.max(1, budget.workers())) {
            return false;
        }
        workers.add(slot);
        return true;
    }

    /** One worker's place, held by a check's thread. */
    private static final class Slot {
        volatile Thread thread;
        volatile boolean handedBack;

        void handBack() {
            handedBack = true;
        }

        boolean free() {
            Thread t = thread;
            return handedBack || (!t.isAlive() && t.getState() != Thread.State.NEW);
        }
    }

    private ChangeRejected overBudget(String what, String budgetRunOut) {
        return new ChangeRejected(422, what + " refused", "checking it ran out of " + budgetRunOut
                + ": an upload must compile and answer its probes within the budget (docs/security.md); nothing was submitted",
                List.of(), Map.of("reason", "OVER_BUDGET"));
    }

    @jakarta.annotation.PreDestroy
    void close() {
        watchdog.shutdownNow();
    }

    /**
     * On the watchdog's thread: ends checks over their time or allocation, and keeps stopping one that goes on
     * (an engine may catch the {@link ThreadDeath} as an evaluation error and carry on with the next evaluation).
     */
    private void watch() {
        for (Running r : running) {
            Thread t = r.thread;
            if (t == null) {
                continue;
            }
            if (!t.isAlive()) {
                running.remove(r);
            } else if (r.overBudget != null) {
                if (System.nanoTime() - r.endedAtNanos > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS) && !r.abandoned) {
                    stop(r, t);
                }
            } else if (System.nanoTime() - r.startNanos > budget.time().toNanos()) {
                if (r.over("its time budget (" + seconds(budget.time()) + ")")) {
                    end(r);
                }
            } else if (allocatedBy(r) > budget.allocation().toBytes()) {
                if (r.over("its memory budget (" + size(budget.allocation()) + " allocated)")) {
                    // No grace: allocation loops do not look at interrupts, and each millisecond of grace is
                    // heap the check may keep (at a gigabyte a second, a quarter of a second is a small heap).
                    // Stopped before the request is answered, so that the answer comes after the stop is counted.
                    stop(r, t);
                    end(r);
                }
            }
        }
    }

    /** Interrupts the check and answers its request at once; the watchdog stops it if it goes on. */
    private void end(Running r) {
        r.endedAtNanos = System.nanoTime();
        Thread t = r.thread;
        if (t != null) {
            t.interrupt();
        }
        r.result.completeExceptionally(new IllegalStateException("over budget"));
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stop(Running r, Thread t) {
        if (r.stops++ == 0) {
            count("stopped");
            log.warn("An upload check ({}) ran out of {}, went on when interrupted, and is stopped", r.what, r.overBudget);
        }
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            r.abandoned = true;
            count("abandoned");
            log.error("An upload check ({}) ran out of {}, did not stop when interrupted, and was abandoned: it"
                    + " keeps one of {} check workers until it ends", r.what, r.overBudget, budget.workers());
        }
    }

    private long allocatedBy(Running r) {
        Thread t = r.thread;
        return t == null ? 0 : threads.getThreadAllocatedBytes(t.getId()) - r.allocatedAtStart;
    }

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("ringfence.governance.checks")
                .description("Upload checks by outcome (passed, refused, interrupted, stopped, abandoned, busy)")
                .tag("outcome", o).register(meters)).increment();
    }

    private static String size(DataSize d) {
        return d.toBytes() % (1024 * 1024) == 0 ? d.toMegabytes() + " MB" : d.toKilobytes() + " KB";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** One check in flight, as the watchdog sees it. */
    private static final class Running {
        final String what;
        final CompletableFuture<Object> result;
        volatile Thread thread;
        volatile long startNanos;
        volatile long allocatedAtStart;
        /** What ran out, once something did. */
        volatile String overBudget;
        volatile long endedAtNanos;
        /** Written by the watchdog only. */
        volatile int stops;
        volatile boolean abandoned;

        Running(String what, CompletableFuture<Object> result) {
            this.what = what;
            this.result = result;
        }

        void start(Thread t, long allocated) {
            allocatedAtStart = allocated;
            startNanos = System.nanoTime();
            thread = t;
        }

        /** @return true for the first budget to run out: that caller ends the check */
        synchronized boolean over(String budget) {
            if (overBudget != null || result.isDone()) {
                return false;
            }
            overBudget = budget;
            return true;
        }
    }
}
