package io.ringfence.pipeline;

import io.ringfence.detection.AlertListener;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.TelecomEvent;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionPipelineTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    private static DataEvent data(String id, long t) {
        return new DataEvent(new TelecomEvent.Common(id, t, "+447700900001"), Device.NONE, null, 1, 1);
    }

    @Test
    void aRedeliveredEventChangesNothingAndAFarFutureTimestampIsRefusedWithAReason() {
        try (DetectionPipeline p = new DetectionPipeline(RuleSetCompiler.compileDefault(),
                new ReferenceDataRepository(ReferenceDataLoader.defaults()), new AlertListener() { })) {
            assertThat(p.process(data("a", T0))).isTrue();
            assertThat(p.process(data("a", T0))).as("redelivery").isFalse();
            assertThat(p.duplicates()).isEqualTo(1);

            DataEvent future = data("b", Instant.parse("2099-01-01T00:00:00Z").toEpochMilli());
            assertThat(p.admissionProblem(future)).contains("2099-01-01T00:00:00Z").contains("24h ahead");
            assertThat(p.process(future)).isFalse();
            assertThat(p.refused()).isEqualTo(1);

            DataEvent nextDay = data("c", T0 + 23 * 3_600_000L);
            assertThat(p.admissionProblem(nextDay)).isNull();
            assertThat(p.process(nextDay)).as("the stream goes on").isTrue();
        }
    }
}
