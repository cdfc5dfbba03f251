package io.ringfence.generative;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generative test at scale: {@code FIRST COUNT OUT} runs seeds FIRST..FIRST+COUNT-1 through
 * {@link DayCheck}. Each failing seed's day is written to OUT as JSON Lines (replay takes them as they
 * are), then minimised by lines to the fewest that fail the same way ({@code .min.jsonl} beside it).
 * Exits 1 if any seed failed. Run through Maven (rules/pom.xml, execution {@code generative}):
 * <pre>mvn -pl rules test-compile exec:exec@generative -Dgenerative.seeds=1000</pre>
 */
public final class GenerativeRun {
    private GenerativeRun() {
    }

    public static void main(String[] args) throws IOException {
        long first = args.length > 0 ? Long.parseLong(args[0]) : 1;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path out = Path.of(args.length > 2 ? args[2] : "target/generative");
        long start = System.nanoTime();
        DayCheck.rules();
        long compiled = System.nanoTime();
        long lines = 0;
        long admitted = 0;
        long rejected = 0;
        long refused = 0;
        long duplicates = 0;
        long alerts = 0;
        long peakFacts = 0;
        double tightest = 0;
        int peakOpen = 0;
        List<String> failures = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            GeneratedDay day = DayGenerator.day(seed);
            DayCheck.Outcome outcome = DayCheck.twice(day);
            lines += day.lines().size();
            if (outcome.failed()) {
                failures.add(seed + ": " + report(seed, day, outcome, out));
                continue;
            }
            DayCheck.Run r = outcome.run();
            admitted += r.admitted();
            rejected += r.rejected();
            refused += r.refused();
            duplicates += r.duplicates();
            alerts += r.raised();
            peakFacts = Math.max(peakFacts, r.peakFacts());
            peakOpen = Math.max(peakOpen, r.peakOpen());
            tightest = Math.max(tightest, r.tightestFacts());
            if ((seed - first + 1) % 100 == 0) {
                System.out.printf("%d seeds, %d failed, %.0f s%n", seed - first + 1, failures.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seeds %d..%d: %d failed; %.0f s (rule set compiled in %.1f s); %d lines, each day run twice "
                        + "(%d admitted, %d rejected by the parser, %d refused, %d duplicates), %d alerts; "
                        + "peak %d facts in a session (at most %.0f%% of the bound), %d open alerts%n",
                first, first + count - 1, failures.size(), seconds, (compiled - start) / 1e9, lines, admitted,
                rejected, refused, duplicates, alerts, peakFacts, tightest * 100, peakOpen);
        failures.forEach(f -> System.out.println("FAILED seed " + f));
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    private static String report(long seed, GeneratedDay day, DayCheck.Outcome outcome, Path out) throws IOException {
        Path full = day.write(out.resolve("seed-" + seed + ".jsonl"));
        StringWriter trace = new StringWriter();
        outcome.failure().printStackTrace(new PrintWriter(trace));
        System.out.println("seed " + seed + " failed (" + outcome.signature() + "), " + day.lines().size()
                + " lines written to " + full + "\n" + trace);
        String result = outcome.signature() + ", " + full;
        if (!"duplicate".equals(outcome.signature())) {
            GeneratedDay small = Minimiser.minimise(day, outcome.signature(), 2_000);
            Path min = small.write(out.resolve("seed-" + seed + ".min.jsonl"));
            Files.writeString(out.resolve("seed-" + seed + ".txt"), trace.toString());
            result += "; minimised to " + small.lines().size() + " lines: " + min;
        }
        return result;
    }
}
