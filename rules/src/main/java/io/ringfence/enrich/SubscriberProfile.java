package io.ringfence.enrich;

import io.ringfence.event.Enrichment;

/**
 * What the enrich stage remembers of one subscriber between events: where the line was last seen,
 * when it was activated, and its recent cells and handsets (a few each, most recent first).
 * Small and fixed in size, so a million of them fit in a modest heap.
 */
final class SubscriberProfile {
    private static final int CELLS = 6;
    private static final int IMEIS = 3;

    long lastSeenMillis = Enrichment.NEVER;
    long lastHomeMillis = Enrichment.NEVER;
    long lastRoamingMillis = Enrichment.NEVER;
    boolean roamingNow;
    long subscribedAtMillis = Enrichment.NEVER;
    long lastSmsOrDataMillis = Enrichment.NEVER;
    long lastPartnerLocationUpdateMillis = Enrichment.NEVER;
    long lastAnsweredInboundCallMillis = Enrichment.NEVER;
    /** The cell of the latest record made at home. */
    String lastHomeCell;

    // The handset timeline: the answered call in progress, the current run of records on one handset
    // and the run before it. Enough to see two handsets at once or taking turns, without keeping records.
    String callImei;
    long callStart = Enrichment.NEVER;
    long callUntil = Enrichment.NEVER;
    String callEventId;
    String runImei;
    long runStartAt = Enrichment.NEVER;
    long runLastAt = Enrichment.NEVER;
    String runLastEventId;
    String prevRunImei;
    long prevRunLastAt = Enrichment.NEVER;

    long lastRemoteSwapMillis = Enrichment.NEVER;
    long newHandsetAfterSwapAt = Enrichment.NEVER;
    String newHandsetImei;
    String newHandsetCell;
    private final String[] cells = new String[CELLS];
    private final String[] imeis = new String[IMEIS];

    boolean knowsCells() {
        return cells[0] != null;
    }

    boolean knowsImeis() {
        return imeis[0] != null;
    }

    boolean hasCell(String cell) {
        return contains(cells, cell);
    }

    boolean hasImei(String imei) {
        return contains(imeis, imei);
    }

    void rememberCell(String cell) {
        remember(cells, cell);
    }

    void rememberImei(String imei) {
        remember(imeis, imei);
    }

    private static boolean contains(String[] ring, String value) {
        for (String s : ring) {
            if (s == null) {
                return false;
            }
            if (s.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Moves the value to the front, dropping the oldest when full. */
    private static void remember(String[] ring, String value) {
        int at = ring.length - 1;
        for (int i = 0; i < ring.length; i++) {
            if (ring[i] == null || ring[i].equals(value)) {
                at = i;
                break;
            }
        }
        System.arraycopy(ring, 0, ring, 1, at);
        ring[0] = value;
    }
}
