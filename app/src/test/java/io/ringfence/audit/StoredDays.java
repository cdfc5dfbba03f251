package io.ringfence.audit;

import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Events written to the stored history as the stream writes them (partition 0, offsets in order), for tests. */
public final class StoredDays {
    private StoredDays() {
    }

    /** @return what was written, in the order given */
    public static List<StoredEvent> write(DataSource db, Iterable<TelecomEvent> events) throws SQLException {
        List<StoredEvent> stored = new ArrayList<>();
        for (TelecomEvent e : events) {
            stored.add(new StoredEvent(e.getEventId(), e.getSubscriber(), e.getType().name(), e.getTimestampMillis(), 0,
                    stored.size(), EventJson.toJson(e)));
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            new EventHistoryWriter(new DailyPartitions(db)).write(c, stored);
            c.commit();
        }
        return stored;
    }
}
