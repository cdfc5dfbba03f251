package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.ringfence.stream.TwoInstancesTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same answers at any scale (issue 18): one simulated day through one partition and one instance, eight partitions
 * and one instance, and eight partitions and two instances (real broker, database and Redis each time) raises the same
 * alerts (typology, subject, rule) and sends the same block orders. With eight partitions the cross-subscriber rules
 * run in the subject stage; with that stage turned off, the same eight partitions lose alerts, which is what the stage
 * is for and shows that the comparison can tell.
 */
class ScaleOutTest {
    private static final long SEED = 11;
    private static final int SUBSCRIBERS = 600;
    /** The rules that count a subject's events across subscribers (RuleStage.SUBJECT in the shipped set). */
    private static final List<String> SUBJECT_RULES = List.of("WANGIRI-001", "WANGIRI-002", "SMSPUMP-001", "SS7-004");

    /** Two stages wherever there are several partitions (the default is off: docs/streaming.md). */
    private static final String TWO_STAGES = "--ringfence.stream.subject-stage=auto";
    private static final String WANGIRI_CALLER = "+882134500077";
    /** wangiri.minDistinctSubscribers of the shipped parameters. */
    private static final int WANGIRI_VICTIMS = 8;

    @TempDir
    Path dir;

    record Outcome(Set<String> alerts, Set<String> blockOrders) {
        Set<String> cliSpoofing() {
            Set<String> out = new TreeSet<>();
            alerts.stream().filter(a -> a.startsWith("CLI_SPOOFING ")).forEach(out::add);
            return out;
        }
    }

    @Test
    void onePartitionEightPartitionsAndTwoInstancesRaiseTheSameAlertsAndSendTheSameBlocks() throws Exception {
        Outcome one = run("one", 1, 1);
        Outcome eight = run("eight", 8, 1, TWO_STAGES);
        Outcome two = run("two-instances", 8, 2, TWO_STAGES);
        Outcome eightOneStage = run("eight-one-stage", 8, 1, "--ringfence.stream.subject-stage=off");

        assertThat(one.alerts()).as("the day raises alerts").hasSizeGreaterThan(5);
        assertThat(one.alerts()).as("alerts of the subject stage's rules")
                .anyMatch(a -> SUBJECT_RULES.stream().anyMatch(a::endsWith));
        assertThat(one.blockOrders()).as("the day blocks something").isNotEmpty();
        Set<String> spoofed = new TreeSet<>();
        one.cliSpoofing().forEach(a -> spoofed.add(a.split(" ")[1]));
        for (Outcome scaled : List.of(eight, two)) {
            assertThat(without(scaled, spoofed).alerts()).as("alerts (typology, subject, rule) but CLI spoofing")
                    .isEqualTo(without(one, spoofed).alerts());
            assertThat(without(scaled, spoofed).blockOrders()).as("block orders (action, target) but on spoofed numbers")
                    .isEqualTo(without(one, spoofed).blockOrders());
            // CLI-001 reads the presented number's owner's profile, kept by the partition of the owner's own events
            // (docs/streaming.md): with several partitions it can miss, and must never find what one partition does not.
            assertThat(one.cliSpoofing()).as("CLI spoofing alerts").containsAll(scaled.cliSpoofing());
        }
        String burst = "WANGIRI NUMBER:" + WANGIRI_CALLER + " WANGIRI-001";
        assertThat(one.alerts()).as("one partition sees the whole burst").contains(burst);
        assertThat(eightOneStage.alerts()).as("8 partitions in one stage see a share of each subject's events")
                .doesNotContain(burst);
    }

    /** The outcome without CLI spoofing's alerts and without the block orders on the numbers it found spoofed. */
    private static Outcome without(Outcome o, Set<String> spoofed) {
        Set<String> alerts = new TreeSet<>(o.alerts());
        alerts.removeAll(o.cliSpoofing());
        Set<String> blocks = new TreeSet<>();
        for (String b : o.blockOrders()) {
            if (!spoofed.contains(b.split(" ")[1])) {
                blocks.add(b);
            }
        }
        return new Outcome(alerts, blocks);
    }

    private Outcome run(String name, int partitions, int instances, String... extra) throws Exception {
        try (EmbeddedServers servers = StreamFixture.servers(partitions)) {
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    ServiceProcess s = ServiceProcess.start(servers, dir.resolve(name + "-" + i + ".log"), extra);
                    services.add(s);
                    s.awaitLog("Partitions assigned", Duration.ofMinutes(10));
                }
                await(Duration.ofMinutes(2), () -> {
                    int assigned = 0;
                    for (ServiceProcess s : services) {
                        assigned += TwoInstancesTest.lastAssignment(s.log()).size();
                    }
                    return assigned == partitions;
                });
                boolean twoStages = List.of(extra).contains(TWO_STAGES);
                int produced = StreamFixture.produce(servers, day());
                await(Duration.ofMinutes(10), () -> StreamFixture.settled(servers, partitions, twoStages));
                assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history")).isEqualTo(produced);
                for (ServiceProcess s : services) {
                    assertThat(s.log()).doesNotContain("batch failed");
                    assertThat(s.log()).contains(twoStages ? "Two stages" : "One stage");
                    if (!twoStages && partitions > 1) {
                        assertThat(s.log()).as("an operator is told what one stage on several partitions misses")
                                .contains("partitions and ringfence.stream.subject-stage is off");
                    }
                }
                Set<String> blockOrders = StreamFixture.blockOrders(servers);
                try (Connection c = StreamFixture.connect(servers)) {
                    return new Outcome(StreamFixture.lines(c, "SELECT typology || ' ' || subject_kind || ':' || subject_value || ' '"
                            + " || rule_id FROM alert_record"), blockOrders);
                }
            } finally {
                for (ServiceProcess s : services) {
                    s.close();
                }
            }
        }
    }

    /**
     * The simulated day, and in it at noon a Wangiri burst from one foreign number to as many subscribers as the rule
     * needs, spread over the partitions as subscribers are: a partition that sees its share only sees too few.
     */
    private static List<TelecomEvent> day() {
        List<TelecomEvent> events = new ArrayList<>();
        new TrafficSimulator(new SimulationConfig(SEED, SUBSCRIBERS, SimulationConfig.DEFAULT_START, 24, 1)).forEach(events::add);
        long noon = SimulationConfig.DEFAULT_START.plus(Duration.ofHours(12)).toEpochMilli();
        for (int i = 0; i < WANGIRI_VICTIMS; i++) {
            String victim = "+4477009301" + (10 + i);
            events.add(new VoiceEvent(new TelecomEvent.Common("scale-wangiri-" + i, noon + i * 120_000L, victim),
                    Direction.MT, WANGIRI_CALLER, victim, Device.NONE, Roaming.HOME, null, null, false, 3.0, 0));
        }
        events.sort(Comparator.comparingLong(TelecomEvent::getTimestampMillis));
        return events;
    }
}
