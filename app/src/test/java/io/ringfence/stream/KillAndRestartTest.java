package io.ringfence.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.ringfence.stream.TwoInstancesTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} in the middle of a stream, then a restart: no event is lost or stored twice, every
 * decision is recorded once, and no block order is sent a second time for a target while the first
 * still holds.
 */
class KillAndRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKilledServiceResumesWithoutLosingEventsOrRepeatingBlocks() throws Exception {
        try (EmbeddedServers servers = StreamFixture.servers()) {
            int produced;
            long committedAtKill;
            try (ServiceProcess first = ServiceProcess.start(servers, dir.resolve("first.log"))) {
                first.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                produced = StreamFixture.produceDay(servers, 13, 800);
                await(Duration.ofMinutes(5), () -> sum(StreamFixture.committedOffsets(servers)) >= produced / 4);
                first.kill();
                committedAtKill = sum(StreamFixture.committedOffsets(servers));
            }
            assertThat(committedAtKill).as("killed in the middle of the stream").isLessThan(produced);

            try (ServiceProcess second = ServiceProcess.start(servers, dir.resolve("second.log"))) {
                Map<Integer, Long> end = StreamFixture.endOffsets(servers);
                await(Duration.ofMinutes(10), () -> StreamFixture.committedOffsets(servers).equals(end)
                        && StreamFixture.count(servers, "SELECT count(*) FROM outbox") == 0);

                assertThat(StreamFixture.count(servers, "SELECT count(*) FROM event_history")).isEqualTo(produced);
                assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history")).isEqualTo(produced);
                long decisions = StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'");
                assertThat(decisions).isPositive();
                assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT decision_id) FROM audit_entry"
                        + " WHERE entry_kind = 'DECISION'")).isEqualTo(decisions);
                assertNoSecondBlockWhileOneHolds(servers);
                assertTheSwitchesGotEachBlockOnce(servers);
                java.util.regex.Matcher warmed = java.util.regex.Pattern
                        .compile("Warmed up partition \\d+ with (\\d+) events").matcher(second.log());
                long rebuilt = 0;
                while (warmed.find()) {
                    rebuilt += Long.parseLong(warmed.group(1));
                }
                assertThat(rebuilt).as("the new process rebuilt state from the partitions' history").isPositive();
                java.util.regex.Matcher restored = java.util.regex.Pattern
                        .compile("Restored (\\d+) subscriber profiles of partition \\d+ from Redis").matcher(second.log());
                long profiles = 0;
                while (restored.find()) {
                    profiles += Long.parseLong(restored.group(1));
                }
                assertThat(profiles).as("the new process took the killed one's features over from Redis").isPositive();
            }
        }
    }

    /** Sent blocks per (action, target) in decision order: each starts after the previous lifted, or is longer. */
    private static void assertNoSecondBlockWhileOneHolds(EmbeddedServers servers) throws Exception {
        Map<String, JsonNode> lastBlock = new HashMap<>();
        int blocks = 0;
        try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted"
                     + " AND action LIKE 'BLOCK_%' ORDER BY recorded_at, chain_day, chain_seq")) {
            while (rs.next()) {
                JsonNode d = JSON.readTree(rs.getString(1));
                blocks++;
                String key = d.path("action").asText() + " " + d.path("target").path("kind").asText() + ":"
                        + d.path("target").path("value").asText();
                JsonNode before = lastBlock.put(key, d);
                if (before != null) {
                    Instant decided = Instant.parse(d.path("decidedAt").asText());
                    Instant lifted = Instant.parse(before.path("expiresAt").asText());
                    boolean longer = Duration.between(decided, Instant.parse(d.path("expiresAt").asText())).compareTo(
                            Duration.between(Instant.parse(before.path("decidedAt").asText()), lifted)) > 0;
                    assertThat(!decided.isBefore(lifted) || longer)
                            .as("second block order on " + key + " while " + before.path("decisionId").asText() + " held")
                            .isTrue();
                }
            }
        }
        assertThat(blocks).as("the day has blocks to check").isPositive();
    }

    /**
     * What the switches read on {@code fraud.decisions}: every block the audit says was sent, and no other
     * block order. A crash between publishing and clearing the outbox may repeat a message: the same
     * decision id again, which a switch ignores, never a new order.
     */
    private static void assertTheSwitchesGotEachBlockOnce(EmbeddedServers servers) throws Exception {
        java.util.Set<String> sent = new java.util.HashSet<>();
        try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT decision_id FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted"
                     + " AND action LIKE 'BLOCK_%'")) {
            while (rs.next()) {
                sent.add(rs.getString(1));
            }
        }
        java.util.Set<String> onTopic = new java.util.HashSet<>();
        for (JsonNode d : StreamFixture.decisionsOnTopic(servers.kafkaBootstrapServers())) {
            if (d.path("action").asText().startsWith("BLOCK_")) {
                onTopic.add(d.path("decisionId").asText());
            }
        }
        assertThat(onTopic).as("block orders on fraud.decisions").isEqualTo(sent);
    }

    private static long sum(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
