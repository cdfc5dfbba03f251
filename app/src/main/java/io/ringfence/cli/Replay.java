package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.detection.Alert;
import io.ringfence.detection.AlertListener;
import io.ringfence.detection.RuleSet;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.output.AlertJson;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.LabelScorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The replay loop: lines in, alerts and rejects out. Alerts are written when their incident closes,
 * which happens on event time only, so the output depends on the input alone.
 */
final class Replay {
    private final EventParser parser = new EventParser();
    private final RuleSet rules;
    private final ReferenceDataRepository reference;
    private final Progress progress;

    Replay(RuleSet rules, ReferenceDataRepository reference, Progress progress) {
        this.rules = rules;
        this.reference = reference;
        this.progress = progress;
    }

    /**
     * @throws IOException only for a failure to read {@code events}; write failures are
     *                     {@link CliException}s naming the file
     */
    ReplayStats run(InputStream events, Path alertsPath, OutputStream alerts, Path rejectsPath, Rejects rejects)
            throws IOException {
        ReplayStats stats = new ReplayStats();
        long start = System.nanoTime();
        // Closed alerts wait here until the rule engine returns: no file I/O inside a rule consequence.
        Queue<Alert> closed = new ArrayDeque<>();
        AlertListener listener = new AlertListener() {
            @Override
            public void closed(Alert alert) {
                closed.add(alert);
            }
        };
        BoundedLineReader reader = new BoundedLineReader(events, parser.maxLineBytes());
        try (DetectionPipeline pipeline = new DetectionPipeline(rules, reference, listener)) {
            while (reader.next()) {
                stats.lines++;
                ParseResult result = parse(reader, stats);
                if (result instanceof ParseResult.Accepted a && pipeline.admissionProblem(a.event()) != null) {
                    result = new ParseResult.Rejected("timestamp", pipeline.admissionProblem(a.event()));
                }
                if (result instanceof ParseResult.Accepted a) {
                    stats.accepted++;
                    if (!pipeline.process(a.event())) {
                        stats.duplicates++;
                    }
                    write(closed, alertsPath, alerts, stats);
                } else if (result instanceof ParseResult.Rejected r) {
                    stats.rejected++;
                    try {
                        rejects.add(reader.lineNumber(), r, reader.array(), reader.offset(), reader.length(),
                                reader.fullLength());
                    } catch (IOException e) {
                        throw new CliException("cannot write rejects file " + rejectsPath + ": " + IoMessages.reason(e), e);
                    }
                }
                progress.update(stats.eventsRead(), stats.alerts);
            }
        }
        write(closed, alertsPath, alerts, stats);
        progress.finish();
        stats.nanos = System.nanoTime() - start;
        return stats;
    }

    /** Null for a blank line, which carries no event and is only counted. */
    private ParseResult parse(BoundedLineReader reader, ReplayStats stats) {
        int len = reader.length();
        if (len > 0 && reader.array()[reader.offset() + len - 1] == '\r' && !reader.oversized()) {
            len--; // CRLF files are common from Windows tools; '\r' is not part of the record
        }
        if (len == 0 && !reader.oversized()) {
            stats.blankLines++;
            return null;
        }
        if (reader.oversized()) {
            return new ParseResult.Rejected(null, "line is " + reader.fullLength() + " bytes, over the limit of "
                    + parser.maxLineBytes());
        }
        return parser.parse(reader.array(), reader.offset(), len);
    }

    private static void write(Queue<Alert> closed, Path path, OutputStream out, ReplayStats stats) {
        for (Alert a; (a = closed.poll()) != null; ) {
            try {
                AlertJson.writeLine(a, out);
            } catch (IOException e) {
                throw new CliException("cannot write alerts file " + path + ": " + IoMessages.reason(e), e);
            }
            stats.alerts++;
            stats.alertsByTypology.merge(a.getTypology().name(), 1L, Long::sum);
            stats.scored.add(new LabelScorer.ScoredAlert(a.getTypology().name(), a.getSubject().kind().name(),
                    a.getSubject().value(), a.getDetectedAt()));
        }
    }
}
