package io.ringfence.loadtest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstancesTest {

    @Test
    void eachProcessWritesFilesOfItsOwn() {
        List<String> jvm = List.of("-Xmx2g", "-Xlog:gc*:file=logs/gc.log:uptime",
                "-XX:StartFlightRecording=filename=service.jfr,settings=profile", "-Xlog:safepoint:file=sp");
        assertThat(Instances.ownFiles(jvm, "")).as("the run's first instance keeps the names given").isEqualTo(jvm);
        assertThat(Instances.ownFiles(jvm, "-floor-2")).containsExactly("-Xmx2g", "-Xlog:gc*:file=logs/gc-floor-2.log:uptime",
                "-XX:StartFlightRecording=filename=service-floor-2.jfr,settings=profile", "-Xlog:safepoint:file=sp-floor-2");
    }

    @Test
    void logsAreNumberedFromTheSecondInstance() {
        assertThat(Instances.logOf(Path.of("out/loadtest-service.log"), 1)).isEqualTo(Path.of("out/loadtest-service.log"));
        assertThat(Instances.logOf(Path.of("out/loadtest-service.log"), 2)).isEqualTo(Path.of("out/loadtest-service-2.log"));
        assertThat(Instances.logOf(Path.of("service"), 3)).isEqualTo(Path.of("service-3"));
    }
}
