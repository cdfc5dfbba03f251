package io.ringfence.detection;

import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;

/**
 * Which events the {@link RuleStage#SUBJECT} stage receives, and under which key: the subject whose events a
 * subject-stage rule counts across subscribers. An enriched event (the subscriber stage has enriched it) with no key
 * stays in the subscriber stage only. What a subject-stage rule may match is checked against {@link #RECEIVED} when
 * a rule set is compiled; the conditions here are wider than the shipped rules' so that a rule tuned within them
 * (another ring time, another window) still gets its events.
 */
public final class SubjectKeys {
    /** The event types the subject stage receives; a subject-stage rule may match no other event type. */
    public static final java.util.Set<Class<?>> RECEIVED = java.util.Set.of(VoiceEvent.class, SmsEvent.class, Ss7Event.class);

    private SubjectKeys() {
    }

    /**
     * @return the subject key, or null when no subject-stage rule needs the event: a call from a foreign number
     * (the Wangiri caller) or to one (a callback), an A2P message to a foreign number (its sender), signaling from a
     * foreign global title (the GT)
     */
    public static String of(TelecomEvent enriched) {
        if (enriched.getEnrichment() == null) {
            return null;
        }
        if (enriched instanceof VoiceEvent v) {
            if (v.isMt() && foreign(v.getEnrichment().getAInfo())) {
                return v.getANumber();
            }
            if (v.isMo() && foreign(v.getEnrichment().getBInfo())) {
                return v.getBNumber();
            }
            return null;
        }
        if (enriched instanceof SmsEvent s) {
            return s.isMo() && s.getA2pSender() != null && foreign(s.getEnrichment().getBInfo()) ? s.getA2pSender() : null;
        }
        if (enriched instanceof Ss7Event q) {
            return "FOREIGN".equals(q.getEnrichment().getSignalingOrigin()) ? q.getCallingGt() : null;
        }
        return null;
    }

    private static boolean foreign(io.ringfence.event.NumberInfo info) {
        return info != null && info.isForeign();
    }
}
