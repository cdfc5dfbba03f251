package io.ringfence.sip;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the screening call adds to call set-up: SIPp's response time (INVITE sent to 200 received, through
 * Kamailio to the answering SIPp) with the shipped configuration, screening on and off. Not part of the
 * build (no *Test name); run it with the command in docs/benchmarks.md. Figures are printed, never asserted.
 */
@Tag("sip-switch")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ringfence.demo.enabled=false")
class CallSetupBenchmark {
    private static final int CALLS = Integer.getInteger("ringfence.sip.calls", 300);
    private static final int RATE = Integer.getInteger("ringfence.sip.rate", 10);

    @LocalServerPort
    int port;

    @Test
    void callSetupTimeWithAndWithoutScreening() throws Exception {
        measure(false, CALLS / 10, "warm-up");
        List<String> lines = new ArrayList<>();
        for (boolean screening : new boolean[] {false, true, false, true}) {
            lines.add(measure(screening, CALLS, screening ? "screening on" : "screening off"));
        }
        System.out.println("Call set-up through Kamailio, " + CALLS + " calls at " + RATE + "/s each (SIPp response time, ms):");
        lines.forEach(System.out::println);
    }

    private String measure(boolean screening, int calls, String label) throws Exception {
        try (SipSwitch sip = SipSwitch.start(port, screening)) {
            List<String> csv = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                // Ordinary UK destinations: every call is screened and allowed, none is refused.
                csv.add("+4420794601" + String.format("%02d", i % 100) + ";+4420712" + String.format("%05d", i) + ";PBX-office");
            }
            int rc = sip.dial(csv, "-r", String.valueOf(RATE), "-trace_rtt", "-rtt_freq", "1");
            assertThat(rc).as(label + ": every call answered").isZero();
            int[] ms = responseTimes(sip.dir());
            assertThat(ms).as(label + ": one response time per call").hasSize(calls);
            Arrays.sort(ms);
            return String.format("  %-14s p50 %d  p90 %d  p99 %d  max %d", label, ms[ms.length / 2],
                    ms[(int) Math.ceil(ms.length * 0.90) - 1], ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1]);
        }
    }

    /** SIPp's -trace_rtt file: {@code Date_ms;response_time_ms;rtd_no}, one line per measured call. */
    private static int[] responseTimes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            Path rtt = files.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).findFirst().orElseThrow();
            return Files.readAllLines(rtt).stream().skip(1).filter(l -> !l.isBlank())
                    .mapToInt(l -> Integer.parseInt(l.split(";")[1].trim())).toArray();
        }
    }
}
