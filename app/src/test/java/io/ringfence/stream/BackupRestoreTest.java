package io.ringfence.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.cli.RingfenceCli;
import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.event.TelecomEvent;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringfence.stream.TwoInstancesTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup and recovery on the embedded servers: a base backup of the running store, more traffic decided and sent
 * to the switches, then the store lost and restored from the backup into a fresh PostgreSQL. The service on the
 * restored store resumes from the backup's offsets, decides the later events again and stores every event once,
 * keeps the audit trail's hash chain whole ({@code audit-verify}), and sends the switches no decision twice: what
 * the topics got after the backup is read back and left out, by whichever of two instances relays.
 */
class BackupRestoreTest {
    private static final Pattern LEFT_OUT = Pattern.compile("outbox relay: (\\d+) messages left out, already sent");

    @TempDir
    Path dir;

    @Test
    void aStoreRestoredFromABackupResumesWithTheChainWholeAndNothingSentTwice() throws Exception {
        try (EmbeddedServers servers = StreamFixture.servers()) {
            List<TelecomEvent> day = new ArrayList<>();
            new TrafficSimulator(new SimulationConfig(23, 600, SimulationConfig.DEFAULT_START, 24, 1)).forEach(day::add);
            int half = day.size() / 2;
            long decisionsAtBackup;
            Path backup = dir.resolve("backup");
            try (ServiceProcess first = ServiceProcess.start(servers, dir.resolve("first.log"))) {
                first.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                StreamFixture.produce(servers, day.subList(0, half));
                settled(servers, servers.jdbcUrl());
                decisionsAtBackup = StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'");
                try (Connection c = StreamFixture.connect(servers)) {
                    BaseBackup.take(c, backup);
                }
                StreamFixture.produce(servers, day.subList(half, day.size()));
                settled(servers, servers.jdbcUrl());
            }
            long decisionsBeforeLoss = StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'");
            assertThat(decisionsBeforeLoss).as("the second half was decided after the backup").isGreaterThan(decisionsAtBackup);
            List<String> sentBeforeLoss = blockOrdersOnTopic(servers);

            try (EmbeddedPostgres restored = EmbeddedPostgres.builder().setDataDirectory(backup)
                    .setCleanDataDirectory(false).start()) {
                String url = "jdbc:postgresql://127.0.0.1:" + restored.getPort() + "/postgres";
                assertThat(count(url, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'"))
                        .as("the restored store is the backup's").isEqualTo(decisionsAtBackup);
                // two instances on the restored store: their relays take turns, and must agree on what was sent
                try (ServiceProcess second = ServiceProcess.start(servers, dir.resolve("second.log"),
                        "--spring.datasource.url=" + url);
                     ServiceProcess third = ServiceProcess.start(servers, dir.resolve("third.log"),
                             "--spring.datasource.url=" + url)) {
                    settled(servers, url);
                    assertThat(count(url, "SELECT count(*) FROM event_history")).as("every event stored").isEqualTo(day.size());
                    assertThat(count(url, "SELECT count(DISTINCT event_id) FROM event_history")).as("none twice")
                            .isEqualTo(day.size());
                    long decisions = count(url, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'");
                    assertThat(decisions).as("the second half decided again").isGreaterThan(decisionsAtBackup);
                    assertThat(count(url, "SELECT count(DISTINCT decision_id) FROM audit_entry WHERE entry_kind = 'DECISION'"))
                            .isEqualTo(decisions);

                    List<String> blockOrders = blockOrdersOnTopic(servers);
                    assertThat(blockOrders).as("no block order sent twice").doesNotHaveDuplicates();
                    assertThat(blockOrders).as("the switches kept what they had").containsAll(sentBeforeLoss);
                    List<String> decisionsOnTopic = decisionIdsOnTopic(servers);
                    assertThat(decisionsOnTopic).as("no decision sent twice").doesNotHaveDuplicates();
                    assertThat(decisionsOnTopic).as("every decision the restored audit says was sent is on the topic")
                            .containsAll(emitted(url));
                    Matcher m = LEFT_OUT.matcher(second.log() + third.log());
                    long leftOut = 0;
                    while (m.find()) {
                        leftOut += Long.parseLong(m.group(1));
                    }
                    assertThat(leftOut).as("messages sent after the backup, decided again and not sent again").isPositive();
                }

                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = RingfenceCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                        .execute("audit-verify", "--jdbc-url", url, "--user", "postgres", "--password", "postgres");
                assertThat(code).as("audit-verify on the restored store:\n" + out + err).isZero();
            }
        }
    }

    /** Until the store at {@code url} has processed every event on the topic and its outbox is empty. */
    private static void settled(EmbeddedServers servers, String url) throws Exception {
        Map<Integer, Long> end = StreamFixture.endOffsets(servers);
        await(Duration.ofMinutes(10), () -> committed(url).equals(end)
                && count(url, "SELECT count(*) FROM outbox") == 0);
    }

    private static Map<Integer, Long> committed(String url) throws Exception {
        Map<Integer, Long> out = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT partition, next_offset FROM ingest_offset WHERE topic = '"
                     + StreamFixture.EVENTS + "'")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getLong(2));
            }
        } catch (java.sql.SQLException e) {
            if (e.getMessage().contains("does not exist")) {
                return out;
            }
            throw e;
        }
        return out;
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> emitted(String url) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT decision_id FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private static List<String> decisionIdsOnTopic(EmbeddedServers servers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode d : StreamFixture.decisionsOnTopic(servers.kafkaBootstrapServers())) {
            ids.add(d.path("decisionId").asText());
        }
        return ids;
    }

    private static List<String> blockOrdersOnTopic(EmbeddedServers servers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode d : StreamFixture.decisionsOnTopic(servers.kafkaBootstrapServers())) {
            if (d.path("action").asText().startsWith("BLOCK_")) {
                ids.add(d.path("decisionId").asText());
            }
        }
        assertThat(new HashSet<>(ids)).isNotEmpty();
        return ids;
    }
}
