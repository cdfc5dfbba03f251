package io.ringfence.detection;

import io.ringfence.event.DeviceRecord;

import java.util.Collection;

/** Small questions rule consequences ask of the events a match collected. */
public final class Evidence {
    private Evidence() {
    }

    public static boolean anyGatewayTac(Collection<?> events) {
        for (Object o : events) {
            if (o instanceof DeviceRecord r && r.getEnrichment().isGatewayTac()) {
                return true;
            }
        }
        return false;
    }

    /**
     * No SMS or data on the line in the window before the newest of these records: what the profile
     * remembers, so the rule needs no window over all SMS and data traffic.
     */
    public static boolean noSmsOrDataWithin(Collection<?> events, long windowMillis) {
        io.ringfence.event.TelecomEvent newest = null;
        for (Object o : events) {
            io.ringfence.event.TelecomEvent e = (io.ringfence.event.TelecomEvent) o;
            if (newest == null || e.getTimestampMillis() > newest.getTimestampMillis()) {
                newest = e;
            }
        }
        if (newest == null) {
            return false;
        }
        long last = newest.getEnrichment().getLastSmsOrDataMillis();
        return last == io.ringfence.event.Enrichment.NEVER || newest.getTimestampMillis() - last > windowMillis;
    }

    /**
     * The newest of the events was made by a line with no sign of a person in the {@code lookbackMillis}
     * before it: no SMS or data record, and no inbound call that was answered (the line's own history, from
     * its profile, not a window).
     */
    public static boolean noHumanActivityWithin(Collection<?> events, long lookbackMillis) {
        io.ringfence.event.TelecomEvent newest = null;
        for (Object o : events) {
            io.ringfence.event.TelecomEvent e = (io.ringfence.event.TelecomEvent) o;
            if (newest == null || e.getTimestampMillis() > newest.getTimestampMillis()) {
                newest = e;
            }
        }
        if (newest == null) {
            return false;
        }
        io.ringfence.event.Enrichment en = newest.getEnrichment();
        long last = Math.max(en.getLastSmsOrDataMillis(), en.getLastAnsweredInboundCallMillis());
        return last == io.ringfence.event.Enrichment.NEVER || newest.getTimestampMillis() - last > lookbackMillis;
    }

    /** The handset most of the records were made on, or null. */
    public static String mainImei(Collection<?> events) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        String best = null;
        int bestCount = 0;
        for (Object o : events) {
            if (o instanceof DeviceRecord r && r.getImei() != null) {
                int c = counts.merge(r.getImei(), 1, Integer::sum);
                if (c > bestCount) {
                    best = r.getImei();
                    bestCount = c;
                }
            }
        }
        return best;
    }
}
