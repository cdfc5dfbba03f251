package io.ringfence.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display for a terminal. Redrawn at most every 200 ms, so a fast replay spends
 * nothing on it; disabled when stderr is not a terminal, so logs and CI output stay clean.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long nextDraw = startNanos + INTERVAL_NANOS;
    private int drawnWidth;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress onTerminal(PrintWriter err, boolean quiet) {
        return new Progress(err, !quiet && System.console() != null);
    }

    void update(long eventsRead, long alerts) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now < nextDraw) {
            return;
        }
        nextDraw = now + INTERVAL_NANOS;
        double seconds = (now - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%,d events read  %,.0f events/s  %,d alerts",
                eventsRead, eventsRead / Math.max(seconds, 1e-3), alerts);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Clears the line, so the summary starts on a clean one. */
    void finish() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }
}
