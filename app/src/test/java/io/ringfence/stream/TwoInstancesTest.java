package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Horizontal scale: two service processes in one consumer group split the partitions of
 * {@code telecom.events}; every event is processed exactly once, by the instance that owns its
 * subscriber's partition, and every decision is recorded once.
 */
class TwoInstancesTest {
    private static final Pattern ASSIGNED = Pattern.compile("Partitions assigned: \\[([^]]*)]");

    @TempDir
    Path dir;

    @Test
    void twoInstancesSplitThePartitionsAndProcessEveryEventOnce() throws Exception {
        try (EmbeddedServers servers = StreamFixture.servers();
             ServiceProcess a = ServiceProcess.start(servers, dir.resolve("a.log"))) {
            a.awaitLog("Partitions assigned", Duration.ofMinutes(3));
            try (ServiceProcess b = ServiceProcess.start(servers, dir.resolve("b.log"))) {
                b.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                await(Duration.ofMinutes(1), () -> {
                    Set<String> pa = lastAssignment(a.log());
                    Set<String> pb = lastAssignment(b.log());
                    return !pa.isEmpty() && !pb.isEmpty() && pa.size() + pb.size() == StreamFixture.PARTITIONS;
                });
                int logA = a.log().length();
                int logB = b.log().length();

                int produced = StreamFixture.produceDay(servers, 11, 600);
                Map<Integer, Long> end = StreamFixture.endOffsets(servers);
                await(Duration.ofMinutes(10), () -> StreamFixture.committedOffsets(servers).equals(end));

                Set<String> pa = lastAssignment(a.log());
                Set<String> pb = lastAssignment(b.log());
                assertThat(pa).doesNotContainAnyElementsOf(pb);
                assertThat(pa.size() + pb.size()).isEqualTo(StreamFixture.PARTITIONS);
                assertThat(a.log().substring(logA)).as("no rebalance while the day streamed").doesNotContain("Partitions revoked");
                assertThat(b.log().substring(logB)).doesNotContain("Partitions revoked");

                assertThat(StreamFixture.count(servers, "SELECT count(*) FROM event_history")).isEqualTo(produced);
                assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history")).isEqualTo(produced);
                assertThat(StreamFixture.count(servers, "SELECT count(*) FROM (SELECT subscriber FROM event_history"
                        + " GROUP BY subscriber HAVING count(DISTINCT kafka_partition) > 1) s"))
                        .as("a subscriber's events all went through one partition").isZero();
                long decisions = StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'");
                assertThat(decisions).isPositive();
                assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT decision_id) FROM audit_entry"
                        + " WHERE entry_kind = 'DECISION'")).isEqualTo(decisions);
                assertThat(a.log()).contains("DECISION ");
                assertThat(b.log()).contains("DECISION ");
            }
        }
    }

    static Set<String> lastAssignment(String log) {
        Matcher m = ASSIGNED.matcher(log);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        Set<String> out = new HashSet<>();
        if (last != null) {
            for (String s : last.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Duration timeout, Check check) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(until);
            Thread.sleep(250);
        }
    }
}
