package io.ringfence.governance;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The budget itself, with checks written to ignore it: a loop deaf to interrupts, a heap eater, a sleeper. */
class CheckBudgetTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CheckBudget budget;

    private CheckBudget budget(Duration time, DataSize allocation, int workers) {
        budget = new CheckBudget(new CheckBudgetProperties(time, allocation, workers), meters);
        return budget;
    }

    @AfterEach
    void close() {
        budget.close();
    }

    private double outcome(String outcome) {
        var c = meters.find("ringfence.governance.checks").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aLoopThatIgnoresInterruptsIsStoppedAtItsTimeBudget() throws Exception {
        CheckBudget b = budget(Duration.ofMillis(300), DataSize.ofGigabytes(4), 1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        ChangeRejected e = catchThrowableOfType(() -> b.run("Decision model", () -> {
            worker.set(Thread.currentThread());
            long spins = 0;
            while (spins >= 0) {
                spins++; // deaf to interrupts, as FEEL is
            }
            return spins;
        }), ChangeRejected.class);

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.title()).isEqualTo("Decision model refused");
        assertThat(e.getMessage()).contains("ran out of its time budget (300 ms)");
        assertThat(e.properties()).containsEntry("reason", "OVER_BUDGET");
        worker.get().join(10_000);
        assertThat(worker.get().isAlive()).as("the runaway thread was stopped").isFalse();
        assertThat(outcome("stopped")).isEqualTo(1);
    }

    @Test
    void aCheckThatEatsTheHeapIsStoppedAtItsAllocationBudget() {
        CheckBudget b = budget(Duration.ofMinutes(5), DataSize.ofMegabytes(64), 1);
        ChangeRejected e = catchThrowableOfType(() -> b.run("Scoring model", () -> {
            List<long[]> kept = new ArrayList<>();
            while (true) {
                kept.add(new long[1024]);
            }
        }), ChangeRejected.class);

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).contains("ran out of its memory budget (64 MB allocated)");
        assertThat(outcome("stopped")).as("stopped at once, not after the grace an interruptible check gets").isEqualTo(1);
        assertThat(outcome("interrupted")).isZero();
    }

    @Test
    void aCheckThatHonoursInterruptsEndsByItself() throws Exception {
        CheckBudget b = budget(Duration.ofMillis(200), DataSize.ofGigabytes(1), 1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        ChangeRejected e = catchThrowableOfType(() -> b.run("Rule set", () -> {
            worker.set(Thread.currentThread());
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException ie) {
                throw new IllegalStateException("interrupted");
            }
            return 1;
        }), ChangeRejected.class);

        assertThat(e.getMessage()).contains("time budget");
        worker.get().join(10_000);
        assertThat(worker.get().isAlive()).isFalse();
        assertThat(outcome("interrupted")).isEqualTo(1);
        assertThat(outcome("stopped")).isZero();
    }

    @Test
    void whenEveryWorkerIsBusyAnotherCheckIsRefusedAt503() throws Exception {
        CheckBudget b = budget(Duration.ofMinutes(1), DataSize.ofGigabytes(1), 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> b.run("Rule set", () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }));
        started.await();

        ChangeRejected busy = catchThrowableOfType(() -> b.run("Rule set", () -> 2), ChangeRejected.class);
        release.countDown();

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.getMessage()).contains("every check worker (1) is busy");
        assertThat(first.get()).isEqualTo(1);
    }

    @Test
    void aCheckWithinBudgetAnswersAndItsRefusalsPassThroughUnchanged() {
        CheckBudget b = budget(Duration.ofSeconds(30), DataSize.ofMegabytes(256), 1);
        assertThat(b.run("Rule set", () -> "compiled")).isEqualTo("compiled");

        IllegalArgumentException refusal = new IllegalArgumentException("no rule named");
        IllegalArgumentException seen = catchThrowableOfType(() -> b.run("Rule set", () -> {
            throw refusal;
        }), IllegalArgumentException.class);
        assertThat(seen).isSameAs(refusal);
        assertThat(outcome("passed")).isEqualTo(1);
        assertThat(outcome("refused")).isEqualTo(1);
    }

    @Test
    void aFinishedCheckHandsItsWorkerBackBeforeItsThreadHasExited() {
        CheckBudget b = budget(Duration.ofSeconds(30), DataSize.ofMegabytes(256), 1);
        // One analyst's uploads one after another: the request answers when the result is in, and the
        // next must not find the only worker still taken by the thread that is exiting.
        for (int i = 0; i < 500; i++) {
            int n = i;
            assertThat(b.run("Rule set", () -> n)).isEqualTo(n);
        }
        assertThat(outcome("passed")).isEqualTo(500);
        assertThat(outcome("busy")).isZero();
    }
}
