package io.ringfence.outbox;

import io.micrometer.tracing.Span;
import io.ringfence.tracing.Traces;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Publishes what committed batches left in the outbox, oldest first, then deletes it. One instance
 * relays at a time (an advisory lock), so messages leave in outbox order. A crash between
 * the broker's acknowledgement and the delete would send those messages again, and so would a store restored
 * from a backup: the offsets each batch reached are recorded with its delete ({@code outbox_published}), and
 * what the topics hold beyond them is left out ({@link SentAhead}).
 */
public final class OutboxRelay implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long RELAY_LOCK = 0x52696e67L; // 'Ring'

    private record Row(long id, String topic, String key, String payload, String traceparent) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Producer<byte[], byte[]> producer;
    private final SentAhead sentAhead;
    private final Traces traces;
    private volatile boolean running = true;
    /** The first batch of this relay, or the one after a failure: the topics may hold what the store does not know. */
    private boolean mayBeBehind = true;
    private final Object signal = new Object();
    private boolean woken;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, Producer<byte[], byte[]> producer,
                SentAhead sentAhead, Traces traces) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.sentAhead = sentAhead;
        this.traces = traces;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Integer sent = tx.execute(status -> relayOnce());
                if (sent == null || sent == 0) {
                    idle();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                mayBeBehind = true; // the broker may have taken some of the batch before it failed
                log.warn("outbox relay: {}; retrying", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    /** @return messages published */
    int relayOnce() {
        // One relay at a time across instances: two relaying disjoint id ranges in parallel could publish a
        // replacement before the message it replaces. The lock ends with the transaction.
        Boolean leader = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
        if (!Boolean.TRUE.equals(leader)) {
            return 0;
        }
        if (mayBeBehind) {
            sentAhead.catchUp(() -> running);
            mayBeBehind = false;
        }
        List<Row> rows = jdbc.query("SELECT id, topic, msg_key, payload, traceparent FROM outbox ORDER BY id LIMIT "
                        + BATCH + " FOR UPDATE SKIP LOCKED",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        if (rows.isEmpty()) {
            return 0;
        }
        Set<Long> sentAlready = sentAhead.alreadySent(rows.stream()
                .map(r -> new SentAhead.Message(r.id(), r.topic(), r.payload())).toList());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>();
        Map<TopicPartition, Long> published = new HashMap<>();
        try {
            for (Row r : rows) {
                if (sentAlready.contains(r.id())) {
                    continue;
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(r.topic(),
                        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                        r.payload().getBytes(StandardCharsets.UTF_8));
                if (r.traceparent() != null) {
                    spans.add(publishing(r, record));
                }
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> f : acks) {
                RecordMetadata m = f.get();
                published.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
            }
        } catch (Exception e) {
            spans.forEach(s -> s.error(e).end());
            throw new IllegalStateException("broker did not acknowledge the outbox batch: " + e.getMessage(), e);
        }
        spans.forEach(Span::end);
        if (!sentAlready.isEmpty()) {
            log.info("outbox relay: {} messages left out, already sent", sentAlready.size());
        }
        sentAhead.recordPublished(published);
        // By id, never by range: a batch still committing may hold an id inside the range, unpublished.
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)");
            ps.setArray(1, con.createArrayOf("bigint", ids));
            return ps;
        });
        return rows.size();
    }

    /**
     * The span of a message sent on the trace its row continues (a decision's, a case handler's request), whose
     * context the record carries on: a switch, billing or the case feed that reads it joins the same trace.
     */
    private Span publishing(Row r, ProducerRecord<byte[], byte[]> record) {
        Span span = traces.continuing(r.traceparent())
                .name(r.topic() + " publish")
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", r.topic())
                .tag("ringfence.outbox.id", r.id())
                .start();
        traces.inject(span, record.headers());
        return span;
    }

    /**
     * A batch of this instance committed outbox rows: relay now rather than at the next idle poll, which
     * would add up to the poll interval to every decision's way to the switches.
     */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Until woken, or 20 ms: rows that another instance committed are found by polling. */
    private void idle() throws InterruptedException {
        synchronized (signal) {
            if (!woken) {
                signal.wait(20);
            }
            woken = false;
        }
    }

    public void stop() {
        running = false;
        wake();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
