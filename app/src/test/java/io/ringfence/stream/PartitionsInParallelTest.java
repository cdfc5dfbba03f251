package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.ringfence.stream.TwoInstancesTest.await;
import static io.ringfence.stream.TwoInstancesTest.lastAssignment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitions in parallel give the answers one thread gives: the same simulated day through a four-partition topic,
 * consumed by one instance with {@code ringfence.stream.threads=1} and then (fresh broker, database and Redis) with
 * four, makes the same alerts, the same decisions and the same block orders.
 *
 * <p>Where two partitions decide on one target (a number many subscribers of different partitions hear from), which
 * partition's block is sent depends on whether their decisions fell in one poll or two, as it would between two
 * instances, with one thread or many: for those targets the test compares what the switches receive, one block
 * order per action and target, and not which alert's decision carried it.
 */
class PartitionsInParallelTest {
    @TempDir
    Path dir;

    /** What a run left: every set holds lines of text, so a difference reads plainly in the assertion. */
    record Outcome(Set<String> alerts, Set<String> decisionIds, Set<String> uncontestedDecisions,
                   Set<String> contestedTargets, Set<String> blockOrders) {
    }

    @Test
    void oneThreadAndFourThreadsGiveTheSameAlertsDecisionsAndBlockOrders() throws Exception {
        Outcome one = run(1);
        Outcome four = run(4);

        assertThat(one.alerts()).as("the day raises alerts").hasSizeGreaterThan(5);
        assertThat(four.alerts()).as("alerts (typology, subject, rule)").isEqualTo(one.alerts());
        assertThat(four.decisionIds()).as("decisions, by id").isEqualTo(one.decisionIds());
        assertThat(one.uncontestedDecisions()).as("decisions on targets one alert decided").isNotEmpty();
        assertThat(four.uncontestedDecisions()).as("decision id, action, target, sent or held back")
                .isEqualTo(one.uncontestedDecisions());
        assertThat(four.contestedTargets()).isEqualTo(one.contestedTargets());
        assertThat(one.blockOrders()).as("the day blocks something").isNotEmpty();
        assertThat(four.blockOrders()).as("block orders on fraud.decisions (action, target)").isEqualTo(one.blockOrders());
    }

    private Outcome run(int threads) throws Exception {
        try (EmbeddedServers servers = StreamFixture.servers();
             ServiceProcess service = ServiceProcess.start(servers, dir.resolve("threads-" + threads + ".log"),
                     "--ringfence.stream.threads=" + threads)) {
            service.awaitLog("Partitions assigned", Duration.ofMinutes(3));
            await(Duration.ofMinutes(1), () -> lastAssignment(service.log()).size() == StreamFixture.PARTITIONS);
            assertThat(service.log()).contains("Running the partitions of each poll on " + threads + " thread");

            int produced = StreamFixture.produceDay(servers, 11, 600);
            Map<Integer, Long> end = StreamFixture.endOffsets(servers);
            await(Duration.ofMinutes(10), () -> StreamFixture.committedOffsets(servers).equals(end)
                    && StreamFixture.count(servers, "SELECT count(*) FROM outbox") == 0);
            assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history")).isEqualTo(produced);
            assertThat(service.log()).doesNotContain("batch failed");

            Set<String> blockOrders = StreamFixture.blockOrders(servers);
            try (Connection c = StreamFixture.connect(servers)) {
                Set<String> contested = StreamFixture.lines(c, "SELECT target_kind || ':' || target_value FROM audit_entry"
                        + " WHERE entry_kind = 'DECISION' GROUP BY target_kind, target_value"
                        + " HAVING count(DISTINCT alert_ids[1]) > 1");
                Set<String> uncontested = new TreeSet<>();
                for (String line : StreamFixture.lines(c, "SELECT target_kind || ':' || target_value || ' ' || decision_id || ' '"
                        + " || action || ' ' || CASE WHEN emitted THEN 'sent' ELSE 'held back' END FROM audit_entry"
                        + " WHERE entry_kind = 'DECISION'")) {
                    if (!contested.contains(line.substring(0, line.indexOf(' ')))) {
                        uncontested.add(line);
                    }
                }
                return new Outcome(
                        StreamFixture.lines(c, "SELECT typology || ' ' || subject_kind || ':' || subject_value || ' ' || rule_id FROM alert_record"),
                        StreamFixture.lines(c, "SELECT decision_id FROM audit_entry WHERE entry_kind = 'DECISION'"),
                        uncontested, contested, blockOrders);
            }
        }
    }
}
