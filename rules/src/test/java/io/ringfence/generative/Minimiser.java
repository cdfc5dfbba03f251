package io.ringfence.generative;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing day to fewer lines that fail the same way (delta debugging over lines): drop
 * chunks while the failure's signature stays, halving the chunk size down to single lines. Lines
 * keep their order, so the result replays like the original.
 */
final class Minimiser {
    private Minimiser() {
    }

    static GeneratedDay minimise(GeneratedDay day, String signature, int maxChecks) {
        List<String> lines = new ArrayList<>(day.lines());
        int checks = 0;
        int chunk = Math.max(1, lines.size() / 2);
        while (chunk >= 1 && checks < maxChecks) {
            boolean removed = false;
            for (int from = 0; from < lines.size() && checks < maxChecks; ) {
                List<String> fewer = new ArrayList<>(lines.subList(0, from));
                fewer.addAll(lines.subList(Math.min(lines.size(), from + chunk), lines.size()));
                checks++;
                if (!fewer.isEmpty() && signature.equals(DayCheck.twice(day.withLines(fewer)).signature())) {
                    lines = fewer;
                    removed = true;
                } else {
                    from += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return day.withLines(lines);
    }
}
