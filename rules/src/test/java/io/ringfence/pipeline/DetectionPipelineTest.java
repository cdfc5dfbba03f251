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

    @Test
    void aLiveStreamAdmitsAnEventAfterADayOfSilenceButNotOneAheadOfTheTimeNow() {
        long[] now = {T0};
        try (DetectionPipeline p = new DetectionPipeline(RuleSetCompiler.compileDefault(),
                new ReferenceDataRepository(ReferenceDataLoader.defaults()), new AlertListener() { }, e -> { },
                () -> now[0])) {
            assertThat(p.process(data("a", T0))).isTrue();

            // The partition was quiet for three days; its next event is the time now.
            now[0] = T0 + 3 * 86_400_000L;
            DataEvent afterSilence = data("b", now[0] - 1_000);
            assertThat(p.admissionProblem(afterSilence)).isNull();
            assertThat(p.process(afterSilence)).isTrue();

            DataEvent ahead = data("c", now[0] + 25 * 3_600_000L);
            assertThat(p.admissionProblem(ahead)).contains("24h ahead of the newest event so far")
                    .contains("and of the time now (" + Instant.ofEpochMilli(now[0]) + ")");
            assertThat(p.process(ahead)).isFalse();
            assertThat(p.refused()).isEqualTo(1);
        }
        try (DetectionPipeline history = new DetectionPipeline(RuleSetCompiler.compileDefault(),
                new ReferenceDataRepository(ReferenceDataLoader.defaults()), new AlertListener() { })) {
            assertThat(history.process(data("a", T0))).isTrue();
            assertThat(history.admissionProblem(data("b", T0 + 3 * 86_400_000L)))
                    .as("history without a wall clock: three days on is a jump").contains("24h ahead");
        }
    }
}
