package io.ringfence.loadtest;

/**
 * When each event was handed to the producer ({@link System#nanoTime()}), by partition and offset, and
 * by event time. One writer (the feed) and any number of readers (the watchers): each list publishes
 * its size through a volatile write after the element, so a reader sees every element below the size.
 *
 * <p>Offsets are positions in the partition's send order: the harness chooses the partition itself
 * and the producer is idempotent, so the n-th record sent to a fresh partition lands at offset n (the
 * feed checks this against the broker's acknowledgements and the run fails if it ever differs).
 */
final class SendTimes {
    private final LongList[] byOffset;
    private final LongList eventTimes = new LongList();
    private final LongList sendNanosInOrder = new LongList();

    SendTimes(int partitions) {
        byOffset = new LongList[partitions];
        for (int p = 0; p < partitions; p++) {
            byOffset[p] = new LongList();
        }
    }

    /** @return the offset the record will have in its partition */
    long sent(int partition, long eventTimeMillis, long nanos) {
        eventTimes.add(eventTimeMillis);
        sendNanosInOrder.add(nanos);
        return byOffset[partition].add(nanos);
    }

    /** Send time of the record at {@code offset}, or -1 if none was sent there (yet). */
    long sentAt(int partition, long offset) {
        LongList l = byOffset[partition];
        return offset < l.size() ? l.get(offset) : -1;
    }

    int partitions() {
        return byOffset.length;
    }

    long count() {
        return eventTimes.size();
    }

    /**
     * Send time of the first event whose event time is at or after {@code eventTimeMillis}: the earliest
     * moment the event that led to a decision dated then can have been produced. The simulator emits in
     * event-time order, so this is a binary search; -1 if no such event was sent.
     */
    long firstSentAtOrAfter(long eventTimeMillis) {
        long lo = 0;
        long hi = eventTimes.size();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (eventTimes.get(mid) < eventTimeMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < sendNanosInOrder.size() ? sendNanosInOrder.get(lo) : -1;
    }

    /** A growable list of longs in chunks, so that growing never copies what readers may be reading. */
    static final class LongList {
        private static final int SHIFT = 16;
        private static final int CHUNK = 1 << SHIFT;
        private final long[][] chunks = new long[1 << 14][]; // a billion elements at most
        private volatile long size;

        long add(long value) {
            long i = size;
            int c = (int) (i >>> SHIFT);
            if (chunks[c] == null) {
                chunks[c] = new long[CHUNK];
            }
            chunks[c][(int) (i & (CHUNK - 1))] = value;
            size = i + 1;
            return i;
        }

        long get(long i) {
            return chunks[(int) (i >>> SHIFT)][(int) (i & (CHUNK - 1))];
        }

        long size() {
            return size;
        }
    }
}
