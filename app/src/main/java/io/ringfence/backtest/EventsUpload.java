package io.ringfence.backtest;

import io.ringfence.audit.EventHistoryReader;
import io.ringfence.config.IoMessages;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.mediation.CdrFile;
import io.ringfence.mediation.ColumnMapping;
import io.ringfence.mediation.FileRejected;
import io.ringfence.mediation.IngestProperties;
import io.ringfence.mediation.Row;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A file of events an analyst uploads to backtest a change on (docs/governance.md, "Backtest on a file"): read
 * as the drop folder reads a mediation platform's file ({@link CdrFile}: the contract's JSON Lines, or CSV CDRs
 * through the configured column mapping, either plain or gzip), each row checked by the ingest parser. The rows
 * that are events are kept, compressed, on this instance's disk until the job ends; the rows that are not are
 * counted and the first of them named, line by line, in the backtest's input, so none is lost without a word.
 *
 * <p>The body is streamed to disk, never held in memory, and bounded by {@code ringfence.backtest.max-upload} (and a
 * gzip body by {@code max-uncompressed}); one file is read at a time per instance.
 */
@Component
class EventsUpload {
    /** Rows that could not be read named in the backtest's input (all are counted). */
    static final int REJECTIONS_SHOWN = 20;
    private static final int NAME_CHARS = 100;

    /** What the analyst uploaded, as the backtest shows it. */
    record Input(String name, long bytes, String sha256, long lines, long accepted, long rejected,
                 List<Rejection> rejections) {
    }

    /** A row of the file that is not an event: its line (1-based, in the uncompressed file) and why. */
    record Rejection(long line, String field, String reason) {
    }

    /** A file read and checked: its events, ready to run, and what it was. */
    record Received(Events events, Input input, Instant from, Instant to) {
    }

    /** How old a file in the upload folder must be to belong to no job any more (a job runs for minutes). */
    static final Duration STALE = Duration.ofDays(1);

    private final BacktestProperties properties;
    private final IngestProperties ingest;
    private final EventParser parser = new EventParser();
    /** One file read at a time per instance: reading is the request thread's CPU, at the stream's priority. */
    private final Semaphore reading = new Semaphore(1);
    /** The files this instance made, removed when it stops (the folder may be shared with other instances). */
    private final Set<Path> mine = ConcurrentHashMap.newKeySet();
    private Path dir;

    EventsUpload(BacktestProperties properties, IngestProperties ingest) {
        this.properties = properties;
        this.ingest = ingest;
    }

    /**
     * @param name the file's name as the analyst had it: its ending says the format (.jsonl, .ndjson, .json, .csv,
     *             each optionally .gz); null reads JSON Lines
     * @throws BacktestRejected 400 for an empty file, 413 over the size or event budget, 422 for a file with no
     *                          event in it or one that cannot be read as its name says
     */
    Received receive(InputStream body, String name) {
        String safe = safeName(name);
        if (!reading.tryAcquire()) {
            throw new BacktestRejected(429, "Busy", "another file is being read for a backtest on this instance; "
                    + "try again in a moment");
        }
        Path raw = null;
        Path events = null;
        try {
            Path d = dir();
            raw = own(d.resolve("upload-" + UUID.randomUUID() + "-" + safe));
            String[] sha = new String[1];
            long bytes = copyBounded(body, raw, sha);
            if (bytes == 0) {
                throw new BacktestRejected(400, "Empty file", safe + " is empty; no backtest was started");
            }
            refuseBomb(raw);
            events = own(d.resolve("events-" + UUID.randomUUID() + ".gz"));
            Received r = prepare(raw, safe, bytes, sha[0], events);
            events = null; // the job owns it now
            return r;
        } catch (IOException e) {
            throw new BacktestRejected(400, "Upload not read", "the file could not be read or kept: "
                    + IoMessages.reason(e) + "; no backtest was started");
        } finally {
            discard(raw);
            discard(events);
            reading.release();
        }
    }

    private Path own(Path p) {
        mine.add(p);
        return p;
    }

    /** A gzip file must inflate to at most {@code max-uncompressed}: counted in one pass before any row is parsed. */
    private void refuseBomb(Path raw) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(raw))) {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 != 0x1f || b2 != 0x8b) {
                return;
            }
            long limit = properties.maxUncompressed().toBytes();
            long n = 0;
            byte[] buf = new byte[64 * 1024];
            try (InputStream gz = new GZIPInputStream(in, 64 * 1024)) {
                int r;
                while ((r = gz.read(buf)) != -1) {
                    n += r;
                    if (n > limit) {
                        throw new BacktestRejected(413, "File too large", "the file inflates to more than "
                                + size(properties.maxUncompressed()) + " (ringfence.backtest.max-uncompressed); split it; "
                                + "no backtest was started");
                    }
                }
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new BacktestRejected(422, "File not readable", "the file starts as gzip but is not a complete gzip "
                        + "file (" + e.getMessage() + "); no backtest was started");
            }
        }
    }

    private Received prepare(Path raw, String name, long bytes, String sha256, Path out) throws IOException {
        CdrFile file;
        try {
            file = CdrFile.of(raw, mapping(name));
        } catch (FileRejected e) {
            throw new BacktestRejected(422, "File not readable", e.getMessage() + "; no backtest was started");
        }
        long lines = 0;
        long accepted = 0;
        long rejected = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<Rejection> rejections = new ArrayList<>();
        try (CdrFile.Rows rows = file.rows(sha256);
             OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            Row row;
            while ((row = rows.next()) != null) {
                lines = row.line();
                ParseResult parsed = row.accepted() ? parser.parse(row.value()) : null;
                if (parsed instanceof ParseResult.Accepted a) {
                    if (++accepted > properties.maxEvents()) {
                        throw new BacktestRejected(413, "File too large", "the file holds more than "
                                + properties.maxEvents() + " events, the budget of one backtest "
                                + "(ringfence.backtest.max-events); no backtest was started");
                    }
                    long at = a.event().getTimestampMillis();
                    first = Math.min(first, at);
                    last = Math.max(last, at);
                    gz.write((at + "\t").getBytes(StandardCharsets.US_ASCII));
                    gz.write(row.value());
                    gz.write('\n');
                } else {
                    rejected++;
                    if (rejections.size() < REJECTIONS_SHOWN) {
                        ParseResult.Rejected why = parsed instanceof ParseResult.Rejected p ? p
                                : new ParseResult.Rejected(row.field(), row.reason());
                        rejections.add(new Rejection(row.line(), why.field(), why.reason()));
                    }
                }
            }
        } catch (FileRejected e) {
            throw new BacktestRejected(422, "File not readable", e.getMessage() + "; no backtest was started");
        }
        Input input = new Input(name, bytes, sha256, lines, accepted, rejected, List.copyOf(rejections));
        if (accepted == 0) {
            throw new BacktestRejected(422, "No events in the file", name + " holds no event Ringfence can read ("
                    + rejected + " rows refused); the first reasons are listed; no backtest was started",
                    Map.of("input", input));
        }
        return new Received(new Uploaded(out, accepted), input, Instant.ofEpochMilli(first),
                Instant.ofEpochMilli(last + 1));
    }

    /** The mapping the drop folder uses, for a CSV file only: a JSON Lines file never needs it. */
    private ColumnMapping mapping(String name) {
        if (!name.toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "").endsWith(".csv") || ingest.mapping() == null) {
            return null;
        }
        try {
            return ColumnMapping.load(ingest.mapping());
        } catch (IOException | IllegalArgumentException e) {
            throw new BacktestRejected(422, "File not readable", "the CSV column mapping " + ingest.mapping()
                    + " (ringfence.ingest.mapping) cannot be used: " + (e instanceof IOException io
                    ? IoMessages.reason(io) : e.getMessage()) + "; no backtest was started");
        }
    }

    private long copyBounded(InputStream body, Path to, String[] sha) throws IOException {
        MessageDigest digest = sha256();
        long limit = properties.maxUpload().toBytes();
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(to)) {
            int r;
            while ((r = body.read(buf)) != -1) {
                n += r;
                if (n > limit) {
                    throw new BacktestRejected(413, "File too large", "a file to backtest on is limited to "
                            + size(properties.maxUpload()) + " (ringfence.backtest.max-upload); compress it (gzip) "
                            + "or split it; no backtest was started");
                }
                digest.update(buf, 0, r);
                out.write(buf, 0, r);
            }
        }
        sha[0] = HexFormat.of().formatHex(digest.digest());
        return n;
    }

    private static String size(DataSize d) {
        return d.toBytes() % (1024 * 1024) == 0 ? d.toMegabytes() + " MB" : d.toKilobytes() + " KB";
    }

    /** Only the last part of the name, in characters that are safe in a file name and in a JSON document. */
    static String safeName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.length() > NAME_CHARS) {
            base = base.substring(base.length() - NAME_CHARS);
        }
        return base.isEmpty() || base.chars().allMatch(c -> c == '.') ? "events.jsonl" : base;
    }

    private synchronized Path dir() throws IOException {
        if (dir == null) {
            Path d = properties.uploadDir();
            if (!Files.isDirectory(d)) {
                Files.createDirectories(d);
                // Private to the service's user: the rows are subscribers' events.
                try {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the platform's own permissions apply
                }
            }
            dir = d;
        }
        return dir;
    }

    /**
     * Files a previous run left behind (a crash, a kill) are older than any job can still need: removed at start, so
     * a restarting instance does not fill its disk with subscribers' events nobody will read.
     */
    @PostConstruct
    void removeStaleFiles() {
        Path d = properties.uploadDir();
        if (!Files.isDirectory(d)) {
            return;
        }
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> files = Files.list(d)) {
            files.filter(f -> {
                try {
                    return Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(before);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(EventsUpload::delete);
        } catch (IOException e) {
            // The folder cannot be listed: the uploads will say so when they try to use it.
        }
    }

    /** The files this instance made and still holds (queued or running jobs', or an upload being read). */
    @PreDestroy
    void removeFiles() {
        mine.forEach(EventsUpload::delete);
        mine.clear();
    }

    /** How many files this instance holds now. */
    int filesHeld() {
        return mine.size();
    }

    /** Deletes one of this instance's files and forgets it, so the set of held files does not grow with uploads. */
    private void discard(Path p) {
        if (p != null) {
            delete(p);
            mine.remove(p);
        }
    }

    private static void delete(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A file left behind is removed with the folder when the service stops.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The events of an uploaded file, in the file's order (as {@code replay} reads a file); deleted at the job's end. */
    private final class Uploaded implements Events {
        private final Path file;
        private final long count;

        Uploaded(Path file, long count) {
            this.file = file;
            this.count = count;
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public boolean read(EventHistoryReader.Visitor visitor) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = in.read(buf)) != -1) {
                    int start = 0;
                    for (int i = 0; i < r; i++) {
                        // Only '\n' ends a row: a JSON line may hold a '\r' between its tokens.
                        if (buf[i] == '\n') {
                            line.write(buf, start, i - start);
                            start = i + 1;
                            if (!visit(line.toString(StandardCharsets.UTF_8), visitor)) {
                                return false;
                            }
                            line.reset();
                        }
                    }
                    line.write(buf, start, r - start);
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the uploaded events again: " + IoMessages.reason(e), e);
            }
        }

        private static boolean visit(String row, EventHistoryReader.Visitor visitor) {
            int tab = row.indexOf('\t');
            return visitor.visit(Long.parseLong(row, 0, tab, 10), row.substring(tab + 1));
        }

        @Override
        public void release() {
            discard(file);
        }
    }
}
