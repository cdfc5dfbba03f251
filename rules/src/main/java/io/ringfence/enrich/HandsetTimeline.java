package io.ringfence.enrich;

import io.ringfence.event.DeviceRecord;
import io.ringfence.event.Enrichment;
import io.ringfence.event.VoiceEvent;

/**
 * Reads one line's handset records as a timeline, so that the SIM-cloning and SIM-swap rules are
 * single-pattern rules on flags instead of joins over every handset record kept in working memory.
 * One SIM cannot be in two handsets at once: a record from handset B while an answered call on A is
 * in progress, or A, then B, then A again with each switch within the window, are what a clone leaves.
 */
final class HandsetTimeline {
    private final long alternationWindowMillis;
    private final long swapWindowMillis;

    HandsetTimeline(long alternationWindowMillis, long swapWindowMillis) {
        this.alternationWindowMillis = alternationWindowMillis;
        this.swapWindowMillis = swapWindowMillis;
    }

    /** A call longer than this is a corrupt duration, not a call: it must not mark the line for months. */
    private static final long MAX_CALL_MILLIS = 12 * 3_600_000L;

    void observe(SubscriberProfile p, DeviceRecord r, Enrichment e, long now) {
        String imei = r.getImei();
        if (imei != null && now >= p.runLastAt) {
            followHandsets(p, r, imei, e, now);
        }
        // About the line, not this record: OTP messages often carry no IMEI.
        if (withinSwapWindow(p, now) && p.newHandsetAfterSwapAt != Enrichment.NEVER
                && p.newHandsetAfterSwapAt >= p.lastRemoteSwapMillis) {
            e.setNewHandsetSinceRemoteSwap(true);
            e.setSwapHandset(p.newHandsetImei, p.newHandsetCell);
        }
    }

    /** Records older than the newest one seen for the line (late arrivals) are left out of the timeline. */
    private void followHandsets(SubscriberProfile p, DeviceRecord r, String imei, Enrichment e, long now) {
        if (p.callImei != null && !imei.equals(p.callImei) && now >= p.callStart && now < p.callUntil) {
            e.setOtherHandsetEventId(p.callEventId);
            e.setOtherHandsetImei(p.callImei);
        }
        followRuns(p, imei, r.getEventId(), e, now);
        long end = r instanceof VoiceEvent v ? Math.min(v.getEndMillis(), now + MAX_CALL_MILLIS) : 0;
        if (r instanceof VoiceEvent v && v.isAnswered() && end > p.callUntil) {
            p.callImei = imei;
            p.callStart = now;
            p.callUntil = end;
            p.callEventId = v.getEventId();
        }
        if (e.isNewImei() && e.isNewCell() && withinSwapWindow(p, now)) {
            p.newHandsetAfterSwapAt = now;
            p.newHandsetImei = imei;
            p.newHandsetCell = r.getCellId();
        }
    }

    private void followRuns(SubscriberProfile p, String imei, String eventId, Enrichment e, long now) {
        if (imei.equals(p.runImei)) {
            p.runLastAt = now;
            p.runLastEventId = eventId;
            return;
        }
        if (p.runImei != null && imei.equals(p.prevRunImei)) {
            long w = alternationWindowMillis;
            boolean viaFirst = p.runStartAt - p.prevRunLastAt <= w && now - p.runStartAt <= w;
            boolean viaLast = p.runLastAt - p.prevRunLastAt <= w && now - p.runLastAt <= w;
            if (viaFirst || viaLast) {
                e.setAlternationEventId(p.runLastEventId);
                e.setAlternationImei(p.runImei);
            }
        }
        p.prevRunImei = p.runImei;
        p.prevRunLastAt = p.runLastAt;
        p.runImei = imei;
        p.runStartAt = now;
        p.runLastAt = now;
        p.runLastEventId = eventId;
    }

    private boolean withinSwapWindow(SubscriberProfile p, long now) {
        return p.lastRemoteSwapMillis != Enrichment.NEVER && now - p.lastRemoteSwapMillis <= swapWindowMillis;
    }
}
