package io.ringfence.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused (401) calls reach the audit trail off the request thread, and a flood becomes a count, not a queue. */
class RefusedCallsTest {
    /** A journal that remembers what it was asked to write, and on which thread. */
    static final class Remembering extends ApiCallJournal {
        final List<ApiCall> rows = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        /** status@thread, for each call written. */
        final List<String> where = new CopyOnWriteArrayList<>();
        final AtomicLong summarised = new AtomicLong();

        Remembering() {
            super(null, null, null, new SimpleMeterRegistry());
        }

        @Override
        void record(ApiCall call) {
            threads.add(Thread.currentThread().getName());
            where.add(call.status() + "@" + Thread.currentThread().getName());
            rows.add(call);
        }

        @Override
        void recordUnrecordedRefusals(long calls, long fromMillis, long toMillis) {
            threads.add(Thread.currentThread().getName());
            summarised.addAndGet(calls);
        }
    }

    private static ApiCall call(int status, int i) {
        return new ApiCall("anonymous", "POST", "/api/v1/tasks/" + i + "/claim", null, status, "127.0.0.1", null, null,
                null, 1_765_000_000_000L + i, 1);
    }

    @Test
    void aFloodOfRefusedCallsIsCountedWholeButWrittenAtTheRate() {
        Remembering journal = new Remembering();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RefusedCalls refused = new RefusedCalls(journal, 50, 10, meters);
        for (int i = 0; i < 500; i++) {
            refused.offer(call(401, i));
        }
        refused.close();

        assertThat(journal.rows.size() + journal.summarised.get()).as("every refused call is in the trail, alone or counted")
                .isEqualTo(500);
        assertThat(journal.summarised.get()).as("more than the queue holds is only counted").isPositive();
        assertThat(meters.get(RefusedCalls.DROPPED_METRIC).counter().count()).isEqualTo(journal.summarised.get());
        assertThat(journal.threads).containsOnly("ringfence-refused-call-audit");
    }

    @Test
    void theFilterAnswersA401WithoutWritingOnTheRequestThreadAndOtherCallsAsBefore() throws Exception {
        Remembering journal = new Remembering();
        RefusedCalls refused = new RefusedCalls(journal, 1000, 100, new SimpleMeterRegistry());
        ApiCallAuditFilter filter = new ApiCallAuditFilter(journal, refused);

        MockHttpServletResponse anonymous = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/tasks/x/claim"), anonymous,
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req,
                                           jakarta.servlet.http.HttpServletResponse res) {
                        res.setStatus(401);
                    }
                }));
        MockHttpServletResponse forbidden = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/cases"), forbidden,
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req,
                                           jakarta.servlet.http.HttpServletResponse res) {
                        res.setStatus(403);
                    }
                }));
        refused.close();

        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(journal.where).containsExactlyInAnyOrder("401@ringfence-refused-call-audit",
                "403@" + Thread.currentThread().getName());
    }
}
