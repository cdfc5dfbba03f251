package io.ringfence.audit;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Appends accepted events to {@code event_history} with PostgreSQL's COPY, in the caller's
 * transaction: the fastest way in, and it commits or rolls back with the batch's offsets.
 */
public class EventHistoryWriter {
    static final String COPY_SQL = "COPY event_history (event_time, event_id, subscriber, event_type, "
            + "kafka_partition, kafka_offset, payload) FROM STDIN";
    private static final int CHUNK = 1 << 16;

    private final DailyPartitions partitions;

    public EventHistoryWriter(DailyPartitions partitions) {
        this.partitions = partitions;
    }

    /** Writes the events in {@code tx}; neither commits nor rolls back. */
    public void write(Connection tx, List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<LocalDate> days = new TreeSet<>();
        for (StoredEvent e : events) {
            days.add(day(e.eventTimeMillis()));
        }
        partitions.ensure(DailyPartitions.Table.EVENT_HISTORY, days);
        try {
            CopyIn copy = tx.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            try {
                StringBuilder sb = new StringBuilder(CHUNK + 4096);
                for (StoredEvent e : events) {
                    row(sb, e);
                    if (sb.length() >= CHUNK) {
                        flush(copy, sb);
                    }
                }
                flush(copy, sb);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot write " + events.size() + " events to event_history", e);
        }
    }

    static LocalDate day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static void flush(CopyIn copy, StringBuilder sb) throws SQLException {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        sb.setLength(0);
    }

    private static void row(StringBuilder sb, StoredEvent e) {
        sb.append(Instant.ofEpochMilli(e.eventTimeMillis())).append('\t');
        text(sb, e.eventId()).append('\t');
        text(sb, e.subscriber()).append('\t');
        text(sb, e.type()).append('\t');
        sb.append(e.partition()).append('\t').append(e.offset()).append('\t');
        text(sb, e.json()).append('\n');
    }

    /**
     * COPY's text format: only a backslash, tab, newline or carriage return needs escaping, and a JSON
     * payload seldom holds one (JSON escapes control characters itself), so most values are appended
     * whole after a scan. CSV had to double every quote of every payload: about 4 % of the consumer
     * thread's samples under load (docs/benchmarks.md). {@code \N} is NULL; an empty string stays empty.
     */
    static StringBuilder text(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("\\N");
        }
        // Four vectorised scans beat one loop over the chars.
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return sb.append(s);
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb;
    }
}
