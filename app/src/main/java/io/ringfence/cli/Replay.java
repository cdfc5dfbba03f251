package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.detection.Alert;
import io.ringfence.detection.RuleSet;
import io.ringfence.features.FeatureTracker;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.output.AlertJson;
import io.ringfence.output.DecisionJson;
import io.ringfence.pipeline.DetectionPipeline;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.LabelScorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The replay loop: lines in; alerts, decisions and rejects out. Decisions are written as alerts are
 * raised (and escalate); alerts when their incident closes. Both happen on event time only, so the
 * output depends on the input alone.
 */
final class Replay {
    private final EventParser parser = new EventParser();
    private final RuleSet rules;
    private final ReferenceDataRepository reference;
    private final DecisionAssets assets;
    private final CustomerSegments segments;
    private final Progress progress;

    Replay(RuleSet rules, ReferenceDataRepository reference, DecisionAssets assets, CustomerSegments segments,
           Progress progress) {
        this.rules = rules;
        this.reference = reference;
        this.assets = assets;
        this.segments = segments;
        this.progress = progress;
    }

    /** Where decisions and closed alerts go. */
    record Outputs(Path alertsPath, OutputStream alerts, Path decisionsPath, OutputStream decisions) {
    }

    /**
     * @throws IOException only for a failure to read {@code events}; write failures are
     *                     {@link CliException}s naming the file
     */
    ReplayStats run(InputStream events, Outputs out, Path rejectsPath, Rejects rejects) throws IOException {
        ReplayStats stats = new ReplayStats();
        long start = System.nanoTime();
        FeatureTracker features = new FeatureTracker();
        Decider decider = new Decider(assets, features, segments, rules.version(),
                rules.parameters().millis("decision.repeatPeriod"));
        AlertDecisions decisions = new AlertDecisions(decider);
        FileSink sink = new FileSink(out, stats);
        BoundedLineReader reader = new BoundedLineReader(events, parser.maxLineBytes());
        try (DetectionPipeline pipeline = new DetectionPipeline(rules, reference, decisions, features::observe)) {
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
                    decisions.drain(sink);
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
        decisions.drain(sink);
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

    /** Writes decisions as they are made and alerts as their incidents close. */
    private static final class FileSink implements AlertDecisions.Sink {
        private final Outputs out;
        private final ReplayStats stats;

        FileSink(Outputs out, ReplayStats stats) {
            this.out = out;
            this.stats = stats;
        }

        @Override
        public void decided(Decider.Outcome outcome) {
            stats.count(outcome);
            if (!outcome.emitted()) {
                return;
            }
            try {
                DecisionJson.writeLine(outcome.decision(), out.decisions());
            } catch (IOException e) {
                throw new CliException("cannot write decisions file " + out.decisionsPath() + ": " + IoMessages.reason(e), e);
            }
        }

        @Override
        public void closed(Alert a) {
            try {
                AlertJson.writeLine(a, out.alerts());
            } catch (IOException e) {
                throw new CliException("cannot write alerts file " + out.alertsPath() + ": " + IoMessages.reason(e), e);
            }
            stats.alerts++;
            stats.alertsByTypology.merge(a.getTypology().name(), 1L, Long::sum);
            stats.scored.add(new LabelScorer.ScoredAlert(a.getTypology().name(), a.getSubject().kind().name(),
                    a.getSubject().value(), a.getDetectedAt()));
        }
    }
}
