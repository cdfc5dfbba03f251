package io.ringfence.cli;

import io.ringfence.config.IoMessages;
import io.ringfence.decision.AlertDecisions;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.Decider;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.contract.AlertJson;
import io.ringfence.contract.AlertMessage;
import io.ringfence.output.ScoredAlerts;
import io.ringfence.contract.DecisionJson;
import io.ringfence.pipeline.EventFault;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.label.LabelScorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replay loop: lines in; alerts, decisions and rejects out. Decisions are written as alerts are
 * raised (and escalate); alerts when their incident closes. Both happen on event time only, so the
 * output depends on the input alone.
 *
 * <p>The fault barrier: an event that a stage throws on goes to the rejects with the stage, the rule and
 * the exception ({@link Faults} keeps the stack trace), and the pipeline are rebuilt by replaying the file up
 * to that line without it, its outputs not written again, so the run goes on as if the event had not been there.
 */
final class Replay {
    /** Lines of the file that may throw in turn while the pipeline are rebuilt, before they start empty. */
    private static final int MAX_REBUILD_FAULTS = 3;

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

    /** Opens the events file from its first line; called again to rebuild the pipeline after a fault. */
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * @throws IOException only for a failure to read {@code events}; write failures are
     *                     {@link CliException}s naming the file
     */
    ReplayStats run(Source events, Outputs out, Path rejectsPath, Rejects rejects, Faults faults) throws IOException {
        ReplayStats stats = new ReplayStats();
        long start = System.nanoTime();
        FileSink sink = new FileSink(out, stats);
        Set<Long> setAside = new HashSet<>();
        DecisionPipeline pipeline = newPipeline();
        try (InputStream in = events.open()) {
            BoundedLineReader reader = new BoundedLineReader(in, parser.maxLineBytes());
            while (reader.next()) {
                stats.lines++;
                ParseResult result = parse(reader);
                if (result == null) {
                    stats.blankLines++;
                    continue;
                }
                if (result instanceof ParseResult.Accepted a && pipeline.admissionProblem(a.event()) != null) {
                    result = new ParseResult.Rejected("timestamp", pipeline.admissionProblem(a.event()));
                }
                if (result instanceof ParseResult.Accepted a) {
                    stats.accepted++;
                    try {
                        if (!pipeline.process(a.event(), sink)) {
                            stats.duplicates++;
                        }
                        sink.commit();
                    } catch (EventFault fault) {
                        sink.discard();
                        stats.failed++;
                        setAside.add(reader.lineNumber());
                        reject(rejects, rejectsPath, reader, new ParseResult.Rejected(null, fault.reason()), fault);
                        faults.record(reader.lineNumber(), fault);
                        pipeline.close();
                        pipeline = rebuild(events, reader.lineNumber(), setAside, faults);
                    }
                } else if (result instanceof ParseResult.Rejected r) {
                    stats.rejected++;
                    reject(rejects, rejectsPath, reader, r, null);
                }
                progress.update(stats.eventsRead(), stats.alerts);
            }
        }
        pipeline.finish(sink);
        sink.commit();
        progress.finish();
        stats.nanos = System.nanoTime() - start;
        return stats;
    }

    private static void reject(Rejects rejects, Path rejectsPath, BoundedLineReader reader, ParseResult.Rejected why,
                               EventFault fault) {
        try {
            rejects.add(reader.lineNumber(), why, fault, reader.array(), reader.offset(), reader.length(), reader.fullLength());
        } catch (IOException e) {
            throw new CliException("cannot write rejects file " + rejectsPath + ": " + IoMessages.reason(e), e);
        }
    }

    /**
     * Fresh pipeline holding what the file's lines before {@code upToLine} put into them, without the lines
     * set aside. A line that throws in turn is set aside too and the rebuild starts again, a few times at
     * most; then the run goes on with empty pipeline rather than not at all.
     */
    private DecisionPipeline rebuild(Source events, long upToLine, Set<Long> setAside, Faults faults) throws IOException {
        int faultsInRebuild = 0;
        while (true) {
            DecisionPipeline pipeline = newPipeline();
            try (InputStream in = events.open()) {
                BoundedLineReader reader = new BoundedLineReader(in, parser.maxLineBytes());
                while (reader.next() && reader.lineNumber() < upToLine) {
                    if (!setAside.contains(reader.lineNumber()) && parse(reader) instanceof ParseResult.Accepted a
                            && pipeline.admissionProblem(a.event()) == null) {
                        pipeline.process(a.event(), UNWRITTEN);
                    }
                }
                return pipeline;
            } catch (EventFault fault) {
                pipeline.close();
                faults.recordInRebuild(fault);
                if (++faultsInRebuild >= MAX_REBUILD_FAULTS) {
                    return newPipeline();
                }
                setAside.add(lineOf(events, fault.eventId(), upToLine));
            }
        }
    }

    /** The line of the file before {@code upToLine} that holds the event, found by reading it again. */
    private long lineOf(Source events, String eventId, long upToLine) throws IOException {
        try (InputStream in = events.open()) {
            BoundedLineReader reader = new BoundedLineReader(in, parser.maxLineBytes());
            while (reader.next() && reader.lineNumber() < upToLine) {
                if (parse(reader) instanceof ParseResult.Accepted a && a.event().getEventId().equals(eventId)) {
                    return reader.lineNumber();
                }
            }
        }
        throw new IllegalStateException("event " + eventId + " threw while rebuilding but is not in the file");
    }

    /** Null for a blank line, which carries no event. */
    private ParseResult parse(BoundedLineReader reader) {
        int len = reader.length();
        if (len > 0 && reader.array()[reader.offset() + len - 1] == '\r' && !reader.oversized()) {
            len--; // CRLF files are common from Windows tools; '\r' is not part of the record
        }
        if (len == 0 && !reader.oversized()) {
            return null;
        }
        if (reader.oversized()) {
            return new ParseResult.Rejected(null, "line is " + reader.fullLength() + " bytes, over the limit of "
                    + parser.maxLineBytes());
        }
        return parser.parse(reader.array(), reader.offset(), len);
    }

    /**
     * Where an event replayed to rebuild state sends what it produces: it was written before. It is decided
     * again (not muted), as replay is deterministic, so that blocks in force, repeat offences and decision
     * ids are what they were.
     */
    private static final AlertDecisions.Sink UNWRITTEN = new AlertDecisions.Sink() {
        @Override
        public void decided(Decider.Outcome outcome) {
        }

        @Override
        public void closed(AlertMessage alert) {
        }
    };

    private DecisionPipeline newPipeline() {
        return new DecisionPipeline(rules, reference, assets, segments);
    }

    /**
     * Writes decisions as they are made and alerts as their incidents close, once the event that led to
     * them went through every stage: a faulty event leaves nothing behind in the outputs.
     */
    private static final class FileSink implements AlertDecisions.Sink {
        private final Outputs out;
        private final ReplayStats stats;
        /** In the order they came: decisions and closings interleave. */
        private final List<Object> order = new ArrayList<>();

        FileSink(Outputs out, ReplayStats stats) {
            this.out = out;
            this.stats = stats;
        }

        @Override
        public void decided(Decider.Outcome outcome) {
            order.add(outcome);
        }

        @Override
        public void closed(AlertMessage a) {
            order.add(a);
        }

        void discard() {
            order.clear();
        }

        void commit() {
            for (Object o : order) {
                if (o instanceof Decider.Outcome outcome) {
                    write(outcome);
                } else {
                    write((AlertMessage) o);
                }
            }
            order.clear();
        }

        private void write(Decider.Outcome outcome) {
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

        private void write(AlertMessage a) {
            try {
                AlertJson.writeLine(a, out.alerts());
            } catch (IOException e) {
                throw new CliException("cannot write alerts file " + out.alertsPath() + ": " + IoMessages.reason(e), e);
            }
            stats.alerts++;
            stats.alertsByTypology.merge(a.typology(), 1L, Long::sum);
            stats.scored.add(ScoredAlerts.of(a));
        }
    }
}
