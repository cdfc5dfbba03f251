package io.ringfence.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls refused for want of a sign-in (401), recorded off the request thread and at a bounded rate. Every row of
 * the audit trail takes the chain's lock for its day, which the stream's commits take too: a flood of anonymous
 * calls written as they come would queue the stream behind them, and anyone on the network can send them. So a
 * refused call is queued (bounded), written by one thread at most {@code perSecond} a second, and what does not
 * fit in the queue is counted and written as one summary row ({@value ApiCallJournal#UNRECORDED_REFUSALS}) with
 * the count and the time span, so the trail still says that it happened.
 */
class RefusedCalls implements AutoCloseable {
    static final String DROPPED_METRIC = "ringfence.audit.api.calls.refused.summarised";
    private static final Logger LOG = LoggerFactory.getLogger(RefusedCalls.class);

    private final ApiCallJournal journal;
    private final BlockingQueue<ApiCall> queue;
    private final long nanosPerRow;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong firstDroppedAt = new AtomicLong();
    private final AtomicLong lastDroppedAt = new AtomicLong();
    private final Counter summarised;
    private final Thread writer;
    private volatile boolean running = true;

    RefusedCalls(ApiCallJournal journal, int perSecond, int queueSize, MeterRegistry meters) {
        this.journal = journal;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, queueSize));
        this.nanosPerRow = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
        this.summarised = Counter.builder(DROPPED_METRIC)
                .description("Refused (401) API calls over the audit's rate, recorded only in a summary row")
                .register(meters);
        this.writer = new Thread(this::write, "ringfence-refused-call-audit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Never blocks: the request has been answered its 401 whatever happens here. */
    void offer(ApiCall call) {
        if (!queue.offer(call)) {
            firstDroppedAt.compareAndSet(0, call.startedAtMillis());
            lastDroppedAt.set(call.startedAtMillis());
            dropped.incrementAndGet();
            summarised.increment();
        }
    }

    private void write() {
        long next = System.nanoTime();
        while (running || !queue.isEmpty()) {
            try {
                ApiCall call = queue.poll(200, TimeUnit.MILLISECONDS);
                if (call == null && dropped.get() == 0) {
                    continue;
                }
                long wait = next - System.nanoTime();
                if (wait > 0 && running) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next = Math.max(next, System.nanoTime()) + nanosPerRow;
                if (call != null) {
                    journal.record(call);
                } else {
                    summarise();
                }
            } catch (InterruptedException e) {
                // Nothing interrupts this thread on purpose (close() lets it drain the queue); go on.
                Thread.interrupted();
            } catch (RuntimeException e) {
                LOG.error("refused-call audit: {}", e.getMessage());
            }
        }
        summarise();
    }

    private void summarise() {
        long n = dropped.getAndSet(0);
        if (n > 0) {
            long from = firstDroppedAt.getAndSet(0);
            long to = lastDroppedAt.get();
            journal.recordUnrecordedRefusals(n, from, to);
        }
    }

    @Override
    public void close() {
        // Not interrupted: the rows still queued are written (at full speed) before the thread ends.
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
