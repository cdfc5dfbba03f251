package io.ringfence.simulation;

import io.ringfence.RingfenceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** README's run command, small: the application starts, simulates a day, and logs alerts and decisions. */
@SpringBootTest(classes = RingfenceApplication.class, properties = {
        "ringfence.demo.seed=7", "ringfence.demo.subscribers=400", "ringfence.demo.incidents=1"})
@ExtendWith(OutputCaptureExtension.class)
class DemoRunnerTest {

    @Test
    void theDemoDayEndsWithAlertsDecisionsAndTheScoreTable(CapturedOutput output) {
        assertThat(output.getOut())
                .contains("ALERT ")
                .containsPattern("DECISION \\S+ BLOCK_")
                .contains("case -> ")
                .contains("recall")
                .doesNotContain("Exception");
    }
}
