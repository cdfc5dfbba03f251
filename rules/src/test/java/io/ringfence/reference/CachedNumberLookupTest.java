package io.ringfence.reference;

import io.ringfence.event.NumberLookupAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class CachedNumberLookupTest {
    private static final String NUMBER = "+33612345678";
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private CachedNumberLookup cache;

    @AfterEach
    void close() {
        release.countDown();
        if (cache != null) {
            cache.close();
        }
    }

    private CachedNumberLookup cache(NumberLookup service, Duration timeout, int threads, int maxPending, int maxEntries) {
        cache = new CachedNumberLookup(service, new CachedNumberLookup.Settings(timeout, Duration.ofHours(24),
                Duration.ofMinutes(5), maxEntries, threads, maxPending, 0.5), clock);
        return cache;
    }

    private NumberLookup service(Answerer answerer) {
        return new NumberLookup() {
            @Override
            public String source() {
                return "hlr:test";
            }

            @Override
            public NumberLookupAnswer lookup(String e164) throws Exception {
                asked.add(e164);
                return answerer.answer(e164);
            }
        };
    }

    private interface Answerer {
        NumberLookupAnswer answer(String e164) throws Exception;
    }

    private NumberLookupAnswer answer(String n, String carrier) {
        return new NumberLookupAnswer(n, "hlr:test", clock.millis(), NumberLookupAnswer.Status.ASSIGNED, carrier, true, 0.1);
    }

    @Test
    void theFirstSightingReadsNothingWhileTheServiceIsStillAnsweringAndLaterOnesReadTheAnswer() throws Exception {
        CachedNumberLookup c = cache(service(n -> {
            release.await();
            return answer(n, "Orange F");
        }), Duration.ofSeconds(30), 2, 10, 100);

        assertThat(c.answered(NUMBER)).as("the service has not answered: the caller is not kept waiting").isNull();
        assertThat(c.answered(NUMBER)).isNull();
        awaitTrue(() -> asked.size() == 1);
        release.countDown();
        awaitTrue(() -> c.answered(NUMBER) != null);

        assertThat(c.answered(NUMBER).carrier()).isEqualTo("Orange F");
        assertThat(asked).as("a number in flight is asked once").containsExactly(NUMBER);
        assertThat(c.counts().answered()).isEqualTo(1);
        assertThat(c.counts().hits()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLookupPastTheTimeoutIsCancelledAndTheNumberIsNotAskedAgainBeforeRetryAfter() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CachedNumberLookup c = cache(service(n -> {
            try {
                Thread.sleep(60_000);
                return answer(n, "late");
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }), Duration.ofMillis(100), 1, 10, 100);

        assertThat(c.answered(NUMBER)).isNull();
        awaitTrue(() -> c.counts().timedOut() == 1);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the service's call was interrupted").isTrue();
        assertThat(c.answered(NUMBER)).isNull();
        assertThat(asked).hasSize(1);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        c.answered(NUMBER);
        awaitTrue(() -> asked.size() == 2);
    }

    @Test
    void aFailingServiceIsAskedOncePerNumberPerRetryInterval() throws Exception {
        CachedNumberLookup c = cache(service(n -> {
            throw new java.io.IOException("connection refused");
        }), Duration.ofSeconds(30), 1, 10, 100);

        c.answered(NUMBER);
        awaitTrue(() -> c.counts().failed() == 1);
        for (int i = 0; i < 20; i++) {
            assertThat(c.answered(NUMBER)).isNull();
            Thread.sleep(10);
        }
        assertThat(asked).as("not asked again within retryAfter, however often the number is seen").hasSize(1);
        assertThat(c.counts().failed()).isEqualTo(1);
    }

    @Test
    void aLookupWaitingInTheQueueIsNotWrittenOffBeforeTheServiceIsAsked() throws Exception {
        CachedNumberLookup c = cache(service(n -> {
            if (n.equals("+33600000001")) {
                Thread.sleep(400);
            }
            return answer(n, "x");
        }), Duration.ofMillis(1_000), 1, 10, 100);

        c.answered("+33600000001");
        c.answered("+33600000002");
        c.answered("+33600000003");
        awaitTrue(() -> c.counts().answered() == 3);
        Thread.sleep(1_200);
        assertThat(c.counts().timedOut()).as("queued behind a slow lookup: waited, not timed out").isZero();
    }

    @Test
    void whenEveryThreadAndQueueSlotIsTakenFurtherNumbersAreShedNotWaitedFor() throws Exception {
        CachedNumberLookup c = cache(service(n -> {
            release.await();
            return answer(n, "x");
        }), Duration.ofSeconds(30), 1, 1, 100);

        c.answered("+33600000001");
        awaitTrue(() -> asked.size() == 1);
        c.answered("+33600000002");
        c.answered("+33600000003");

        assertThat(c.counts().shed()).isEqualTo(1);
        release.countDown();
        awaitTrue(() -> c.counts().answered() == 2);
        assertThat(asked).containsExactly("+33600000001", "+33600000002");
        c.answered("+33600000003");
        awaitTrue(() -> c.answered("+33600000003") != null);
    }

    @Test
    void aStaleAnswerIsStillReadWhileAFreshOneIsAskedFor() throws Exception {
        AtomicLong version = new AtomicLong();
        CachedNumberLookup c = cache(service(n -> answer(n, "carrier " + version.incrementAndGet())),
                Duration.ofSeconds(30), 1, 10, 100);
        c.answered(NUMBER);
        awaitTrue(() -> c.answered(NUMBER) != null);
        assertThat(c.answered(NUMBER).carrier()).isEqualTo("carrier 1");

        clock.advance(Duration.ofHours(25));
        assertThat(c.answered(NUMBER).carrier()).as("stale, but better than nothing").isEqualTo("carrier 1");
        awaitTrue(() -> "carrier 2".equals(c.answered(NUMBER).carrier()));
        assertThat(asked).hasSize(2);
    }

    @Test
    void theLeastRecentlyReadAnswersGoFirstWhenTheCacheIsFull() throws Exception {
        CachedNumberLookup c = cache(service(n -> answer(n, "x")), Duration.ofSeconds(30), 1, 10, 2);
        for (String n : List.of("+33600000001", "+33600000002")) {
            c.answered(n);
            awaitTrue(() -> c.answered(n) != null);
        }
        assertThat(c.answered("+33600000001")).as("read again: now the more recently read").isNotNull();
        c.answered("+33600000003");
        awaitTrue(() -> c.answered("+33600000003") != null);

        assertThat(c.counts().held()).isEqualTo(2);
        int before = asked.size();
        assertThat(c.answered("+33600000001")).as("read recently: kept").isNotNull();
        assertThat(c.answered("+33600000002")).as("least recently read: dropped, asked again").isNull();
        awaitTrue(() -> asked.size() == before + 1);
        assertThat(asked.get(before)).isEqualTo("+33600000002");
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
