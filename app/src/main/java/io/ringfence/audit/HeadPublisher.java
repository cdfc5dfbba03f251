package io.ringfence.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes each day's audit chain head outside the database: signed, appended as one JSON line to
 * {@code audit-heads-YYYY-MM-DD.jsonl} in the heads folder, and logged. Runs periodically (a
 * checkpoint of the open day, and the last head of a day once late entries stop coming), so whoever
 * rewrites a day's tail together with its stored head in the database is caught by
 * {@code audit-verify --heads} for every entry published before the rewrite.
 *
 * <p>Before signing a new head of a day it already published, it checks that the row at the seq it
 * published last still has the hash it published: a rewrite found here is an alarm (logged as an
 * error) and nothing more is signed for that day, so a rewritten chain never gets a valid head.
 */
public class HeadPublisher {
    private static final Logger log = LoggerFactory.getLogger(HeadPublisher.class);
    static final String FILE_PREFIX = "audit-heads-";
    static final String FILE_SUFFIX = ".jsonl";

    /** The last head published per day, as (seq, hash). */
    private record Published(long seq, String hash) {
    }

    private final DataSource dataSource;
    private final Path dir;
    private final PrivateKey key;
    private final String keyId;
    private final Clock clock;
    private final Map<LocalDate, Published> published = new ConcurrentHashMap<>();
    private final Map<LocalDate, Boolean> refused = new ConcurrentHashMap<>();

    public HeadPublisher(DataSource dataSource, Path dir, PrivateKey key, String keyId, Clock clock) {
        this.dataSource = dataSource;
        this.dir = dir;
        this.key = key;
        this.keyId = keyId;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit heads folder " + dir, e);
        }
        readBack();
    }

    /** The folder this publisher appends to. */
    public Path dir() {
        return dir;
    }

    @Scheduled(initialDelayString = "${ringfence.audit.heads.interval:PT5M}", fixedDelayString = "${ringfence.audit.heads.interval:PT5M}")
    public void scheduled() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.error("audit heads: publication failed (tried again at the next interval)", e);
        }
    }

    /** Signs and appends every head that moved since its last publication. @return what was published */
    public synchronized List<SignedHead> publish() {
        List<SignedHead> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> heads = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chain_day, last_seq, last_hash FROM audit_chain_head WHERE last_seq > 0 ORDER BY chain_day");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.add(new Object[]{rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBytes(3)});
                }
            }
            for (Object[] h : heads) {
                LocalDate day = (LocalDate) h[0];
                long seq = (Long) h[1];
                String hash = HexFormat.of().formatHex((byte[]) h[2]);
                Published last = published.get(day);
                if (last != null && last.seq() == seq && last.hash().equals(hash) || refused.containsKey(day)) {
                    continue;
                }
                if (last != null && !stillExtends(c, day, last, seq)) {
                    continue;
                }
                SignedHead head = SignedHead.sign(day, seq, hash, clock.instant(), key, keyId);
                append(head);
                published.put(day, new Published(seq, hash));
                log.info("audit head: {}", head.toJsonLine());
                done.add(head);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read the audit chain heads", e);
        }
        return done;
    }

    private boolean stillExtends(Connection c, LocalDate day, Published last, long seq) throws SQLException {
        String problem = null;
        if (seq < last.seq()) {
            problem = "its head is at seq " + seq + " but seq " + last.seq() + " was published";
        } else {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT hash FROM audit_entry WHERE chain_day = ? AND chain_seq = ?")) {
                ps.setObject(1, day);
                ps.setLong(2, last.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        problem = "its row at seq " + last.seq() + " (published) is gone";
                    } else if (!HexFormat.of().formatHex(rs.getBytes(1)).equals(last.hash())) {
                        problem = "its row at seq " + last.seq() + " no longer has the published hash";
                    }
                }
            }
        }
        if (problem == null) {
            return true;
        }
        refused.put(day, true);
        log.error("audit heads: the chain of {} was rewritten after its head was published ({}); no further head "
                + "of that day is signed. Run audit-verify --heads to see where.", day, problem);
        return false;
    }

    private void append(SignedHead head) {
        Path file = dir.resolve(FILE_PREFIX + head.day() + FILE_SUFFIX);
        byte[] line = (head.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
        // One write of a whole line with O_APPEND: instances sharing the folder do not interleave lines.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the audit head of " + head.day() + " to " + file, e);
        }
    }

    /** After a restart, carries on from what the folder already holds for this key. */
    private void readBack() {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(HeadPublisher::isHeadsFile).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    try {
                        SignedHead h = SignedHead.parse(line);
                        Published p = published.get(h.day());
                        if (keyId.equals(h.keyId()) && (p == null || h.lastSeq() >= p.seq())) {
                            published.put(h.day(), new Published(h.lastSeq(), h.headHash()));
                        }
                    } catch (IllegalArgumentException ignored) {
                        // a torn or foreign line: audit-verify reports it; publishing carries on
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit heads folder " + dir, e);
        }
    }

    static boolean isHeadsFile(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(FILE_PREFIX) && n.endsWith(FILE_SUFFIX);
    }
}
