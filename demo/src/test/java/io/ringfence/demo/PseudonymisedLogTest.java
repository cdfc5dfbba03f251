package io.ringfence.demo;

import io.ringfence.logging.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's own log, as the service streams the feeder's simulated day: the DECISION lines name their target by its
 * pseudonym under the configured key, and no subscriber number appears anywhere in plain text.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringfence.demo.seed=7", "ringfence.demo.subscribers=400", "ringfence.demo.incidents=1",
        "ringfence.demo.rate=50000", "ringfence.logging.pseudonym-key=" + PseudonymisedLogTest.KEY})
class PseudonymisedLogTest {
    static final String KEY = "pseudonymised-log-test-key";
    private static final Pattern DECISION = Pattern.compile("DECISION .*?(?:SUBSCRIBER|NUMBER):(\\+\\d{1,3}#[0-9a-f]{12})");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void decisionLinesCarryPseudonymsAndNoNumberIsLogged(CapturedOutput output) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!DECISION.matcher(output.getAll()).find() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        Matcher logged = DECISION.matcher(output.getAll());
        assertThat(logged.find()).isTrue();
        // The line is logged after its batch commits, so its decision is in the trail by now.
        List<String> targets = jdbc.queryForList("SELECT target_value FROM audit_entry WHERE entry_kind = 'DECISION' "
                + "AND emitted AND target_value LIKE '+%'", String.class);
        Pseudonymiser expected = Pseudonymiser.ofKey(KEY);
        assertThat(targets.stream().map(expected::pseudonym)).contains(logged.group(1));

        String all = output.getAll();
        assertThat(targets).allSatisfy(number -> assertThat(all).doesNotContain(number));
        assertThat(all).doesNotContainPattern("\\+\\d{8,}").doesNotContainPattern("(?i)%2B\\d{8,}");
    }
}
