package io.ringfence.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.cli.RingfenceCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself, on a small day at a low rate: it runs end to end, every event it produced is
 * accounted for as durable, decisions reach it, and it prints the line and writes the report that
 * docs/benchmarks.md reads. Figures are not judged here: performance is measured, never asserted.
 */
class LoadTestCommandTest {
    private static final Pattern LINE = Pattern.compile(
            "(?m)^e2e events_per_s=(\\d+) p99_ms=(\\d+\\.\\d) at_rate=(\\d+|max) raw_consume_per_s=(\\d+) ratio=(\\d+\\.\\d{3})"
                    + " floor_per_s=(\\d+) ratio_floor=(\\d+\\.\\d{3})$");

    @TempDir
    Path dir;

    @Test
    void runsASmallDayEndToEndAndReportsIt() throws Exception {
        Path report = dir.resolve("report.json");
        StringWriter out = new StringWriter();
        CommandLine cli = RingfenceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("loadtest", "--subscribers", "800", "--incidents", "1", "--seed", "13",
                "--rate", "6000", "--warmup", "0", "--duration", "30", "--service-heap", "768m",
                "--partitions", "2", "--instances", "2",
                "--report", report.toString(), "--service-log", dir.resolve("service.log").toString());

        assertThat(exit).as(out.toString()).isZero();
        Matcher line = LINE.matcher(out.toString());
        assertThat(line.find()).as("the final line in:\n" + out).isTrue();
        assertThat(out.toString().strip()).endsWith(line.group());
        assertThat(line.group(3)).isEqualTo("6000");
        assertThat(Long.parseLong(line.group(1))).isPositive();
        assertThat(Long.parseLong(line.group(4))).isPositive();

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("config").path("instances").asInt()).isEqualTo(2);
        for (String log : List.of("service.log", "service-2.log", "service-floor.log", "service-floor-2.log")) {
            assertThat(Files.readString(dir.resolve(log))).as("each instance, in the run and in the floor, had a partition")
                    .containsPattern("Partitions assigned: \\[telecom\\.events-\\d\\]");
        }
        long produced = json.path("feed").path("produced").asLong();
        assertThat(produced).as("the whole small day was fed").isGreaterThan(10_000);
        assertThat(json.path("feed").path("simulatedDayExhausted").asBoolean()).isTrue();
        assertThat(json.path("drain").path("eventsDurable").asLong()).isEqualTo(produced);
        assertThat(json.path("rawConsume").path("events").asLong()).isEqualTo(produced);
        assertThat(json.path("latency").path("eventToDurable").path("count").asLong()).isEqualTo(produced);
        JsonNode decisions = json.path("decisions");
        assertThat(decisions.path("onTopic").asLong()).as("decisions reached the switches' topic").isPositive()
                .isEqualTo(json.path("drain").path("decisionsEmittedPerAudit").asLong());
        assertThat(json.path("latency").path("eventToDecisionOnTopic").path("count").asLong())
                .isEqualTo(decisions.path("onTopic").asLong());
        double durableP99 = json.path("latency").path("eventToDurable").path("p99_ms").asDouble();
        double decisionP50 = json.path("latency").path("eventToDecisionOnTopic").path("p50_ms").asDouble();
        assertThat(durableP99).isPositive();
        assertThat(decisionP50).isPositive();
        JsonNode jvm = json.path("window").path("serviceJvm");
        assertThat(jvm.has("gcPauses") && jvm.has("gcPauseSeconds") && jvm.has("allocatedMBPerSecond"))
                .as("the service's own meters, read at the window's ends: " + jvm).isTrue();
        assertThat(jvm.path("gcPauses").asLong()).isNotNegative();
        assertThat(jvm.path("jitCompilingSeconds").asDouble()).as("a service started cold compiles in its first seconds")
                .isPositive();
        JsonNode timeline = json.path("timeline");
        long perSecond = 0;
        for (JsonNode n : timeline.path("eventsDurable")) {
            perSecond += n.asLong();
        }
        assertThat(perSecond).as("the timeline accounts for every event").isEqualTo(produced);
        assertThat(timeline.path("oldestEventToDurableMs").size()).isEqualTo(timeline.path("eventsDurable").size());
        double worst = 0;
        for (JsonNode n : timeline.path("oldestEventToDurableMs")) {
            worst = Math.max(worst, n.asDouble());
        }
        // The histogram keeps three significant digits, so its max may be a little above the exact one.
        assertThat(worst).as("the timeline's worst second holds the slowest event").isBetween(
                json.path("latency").path("eventToDurable").path("max_ms").asDouble() * 0.99 - 0.1,
                json.path("latency").path("eventToDurable").path("max_ms").asDouble() + 0.1);
        JsonNode floor = json.path("floor");
        assertThat(floor.path("eventsStored").asLong()).as("the floor stored every record again, in its own database")
                .isEqualTo(produced);
        assertThat(floor.path("decisions").asLong()).as("and decided nothing").isZero();
        assertThat(floor.path("eventsPerSecond").asLong()).isPositive().isEqualTo(Long.parseLong(line.group(6)));
        assertThat(Double.parseDouble(line.group(7))).isCloseTo(
                Double.parseDouble(line.group(1)) / Double.parseDouble(line.group(6)), org.assertj.core.api.Assertions.within(0.01));
        assertThat(json.path("line").asText()).isEqualTo(line.group());
        assertThat(json.path("problems")).isEmpty();
    }
}
