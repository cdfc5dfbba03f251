package io.ringfence.mediation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder a mediation platform delivers CDR files into. Each round takes the complete files in name order
 * (mediation platforms number their files, so name order is delivery order) and moves each to
 * {@code done/} or {@code failed/}, a failed file with {@code NAME.reasons} beside it. A file still being
 * written must carry a name the folder skips (a leading dot, or .tmp / .part) until it is renamed.
 */
public final class DropFolder {
    private static final Logger log = LoggerFactory.getLogger(DropFolder.class);

    /** A file and what became of it. */
    public record Taken(Path file, Outcome outcome, Path movedTo) {
    }

    private final Path dir;
    private final FileIngester ingester;
    private final FileMetrics metrics;

    public DropFolder(Path dir, FileIngester ingester, FileMetrics metrics) {
        this.dir = dir;
        this.ingester = ingester;
        this.metrics = metrics;
    }

    /** Every complete file now in the folder; stops at the first Kafka or database failure. */
    public List<Taken> takeAll() throws IOException, IngestUnavailable {
        List<Path> files = waiting();
        metrics.waiting(files.size());
        List<Taken> taken = new ArrayList<>();
        for (Path f : files) {
            Outcome o = ingester.ingest(f);
            Path to = move(f, o);
            metrics.waiting(files.size() - taken.size() - 1);
            log.info("{}: {} ({} events, {} rejected rows){}", f.getFileName(), o.kind(), o.sent(), o.rejected(),
                    o.reason() == null ? "" : ": " + o.reason());
            taken.add(new Taken(f, o, to));
        }
        return taken;
    }

    List<Path> waiting() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && !name.startsWith(".") && !lower.endsWith(".tmp") && !lower.endsWith(".part")) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private Path move(Path file, Outcome o) throws IOException {
        Path target = dir.resolve(o.kind() == Outcome.Kind.DONE ? "done" : "failed");
        Files.createDirectories(target);
        Path to = free(target, file.getFileName().toString());
        Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
        if (o.kind() != Outcome.Kind.DONE) {
            Files.writeString(target.resolve(to.getFileName() + ".reasons"),
                    Instant.now() + " " + o.kind() + ": " + o.reason() + "\n", StandardCharsets.UTF_8);
        }
        return to;
    }

    /** The name, or NAME.1, NAME.2 ... when a file of that name was delivered and moved before. */
    private static Path free(Path folder, String name) {
        Path p = folder.resolve(name);
        for (int i = 1; Files.exists(p); i++) {
            p = folder.resolve(name + "." + i);
        }
        return p;
    }
}
