package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringfence.stream.TwoInstancesTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store fails under a running stream (the offsets table every batch writes, and every recovery reads, is taken away): batches fail
 * and roll back, the stream reports DOWN with the reason and keeps retrying, and when the store is
 * back every event is processed once, nothing lost.
 */
class DatabaseOutageTest {
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void batchesFailWhileTheStoreIsAwayAndResumeWithNothingLost() throws Exception {
        try (EmbeddedServers servers = StreamFixture.servers();
             ServiceProcess service = ServiceProcess.start(servers, dir.resolve("service.log"))) {
            service.awaitLog("Partitions assigned", Duration.ofMinutes(3));
            Matcher m = PORT.matcher(service.log());
            assertThat(m.find()).as("the service logs its port").isTrue();
            URI readiness = URI.create("http://127.0.0.1:" + m.group(1) + "/actuator/health/readiness");

            execute(servers, "ALTER TABLE ingest_offset RENAME TO ingest_offset_away");
            int produced = StreamFixture.produceDay(servers, 17, 300);
            service.awaitLog("batch failed, resuming from the last committed offsets", Duration.ofMinutes(2));
            await(Duration.ofMinutes(1), () -> status(readiness) == 503);
            assertThat(StreamFixture.count(servers, "SELECT count(*) FROM event_history"))
                    .as("nothing of a failed batch is kept").isZero();

            execute(servers, "ALTER TABLE ingest_offset_away RENAME TO ingest_offset");
            Map<Integer, Long> end = StreamFixture.endOffsets(servers);
            await(Duration.ofMinutes(10), () -> StreamFixture.committedOffsets(servers).equals(end));
            await(Duration.ofMinutes(1), () -> status(readiness) == 200);

            assertThat(StreamFixture.count(servers, "SELECT count(*) FROM event_history")).isEqualTo(produced);
            assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history")).isEqualTo(produced);
            assertThat(StreamFixture.count(servers, "SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'")).isPositive();
        }
    }

    private static void execute(EmbeddedServers servers, String sql) throws Exception {
        try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
