package io.ringfence.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A PostgreSQL base backup with the WAL it needs, taken as {@code pg_basebackup -X fetch} takes one, for a server on
 * this machine whose client tools are not here (the embedded PostgreSQL ships none, and Debian's are older than
 * it): {@code pg_backup_start}, a copy of the data directory while the server runs, {@code pg_backup_stop}, its
 * backup label written into the copy, then the WAL written meanwhile. PostgreSQL started on the copy replays that
 * WAL from the label's checkpoint and opens at a consistent state: the restore.
 */
final class BaseBackup {
    /** What pg_basebackup leaves out: the server's runtime files and directories whose contents it rebuilds. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map");
    private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private BaseBackup() {
    }

    /** Copies the server {@code c} is connected to (as a superuser, on this machine) into {@code into}. */
    static void take(Connection c, Path into) throws SQLException, IOException {
        Path data;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            data = Path.of(rs.getString(1));
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('ringfence base backup', true)"); // fast checkpoint
        }
        copyTree(data, into);
        String label;
        String map;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
            rs.next();
            label = rs.getString(1);
            map = rs.getString(2);
        }
        Files.writeString(into.resolve("backup_label"), label);
        if (map != null && !map.isEmpty()) {
            Files.writeString(into.resolve("tablespace_map"), map);
        }
        // The WAL from the backup's start to its end (and a little beyond): what replay needs to reach consistency.
        try (var segments = Files.list(data.resolve("pg_wal"))) {
            for (Path w : segments.filter(Files::isRegularFile).toList()) {
                copyIfStillThere(w, into.resolve("pg_wal").resolve(w.getFileName()));
            }
        }
        Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwx------"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                if (!dir.equals(from) && EMPTIED_DIRS.contains(from.relativize(dir).toString())) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!(file.getParent().equals(from) && SKIPPED_FILES.contains(file.getFileName().toString()))) {
                    copyIfStillThere(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a temporary file gone meanwhile, as pg_basebackup allows
                }
                throw e;
            }
        });
    }

    private static void copyIfStillThere(Path file, Path target) {
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // removed while the backup ran (a temporary or recycled file): replay does not need it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
