package io.ringfence.event;

/**
 * What the enrich stage knows about an event beyond its own fields: number intelligence for the
 * parties and the subscriber's recent context, taken from profiles <em>before</em> this event
 * updated them. Rules read these as plain fields.
 */
public final class Enrichment {
    /** Sentinel for "no activity known". */
    public static final long NEVER = Long.MIN_VALUE / 4;

    private NumberInfo aInfo = NumberInfo.UNKNOWN;
    private NumberInfo bInfo = NumberInfo.UNKNOWN;
    private long lastHomeActivityMillis = NEVER;
    private long lastRoamingActivityMillis = NEVER;
    private boolean roamingNow;
    private long subscribedAtMillis = NEVER;
    private boolean newCell;
    private boolean newImei;
    private boolean callerOwnerAtHome;
    private String signalingOrigin = "NONE";
    private String rangeKey;
    private boolean fromInternationalTrunk;
    private boolean gatewayTac;
    private long lastSmsOrDataMillis = NEVER;
    private long lastAnsweredInboundCallMillis = NEVER;
    private boolean homeCellNearPartner;
    private String otherHandsetEventId;
    private String otherHandsetImei;
    private String alternationEventId;
    private String alternationImei;
    private boolean newHandsetSinceRemoteSwap;
    private String swapHandsetImei;
    private String swapHandsetCell;
    /** The fraud model's latest score of the subscriber's line, or -1 before it was scored (a float: kept per event). */
    private float lineScore = -1f;

    /**
     * The fraud model's latest score of the subscriber's line (0-1), as the anomaly watch last computed it from the
     * line's rolling features (at most every {@code anomaly.interval} of event time); -1 before the first score.
     * Rules may read it: {@code VoiceEvent( enrichment.lineScore >= 0.9, enrichment.bInfo.highCost )}.
     */
    public double getLineScore() { return lineScore; }
    public void setLineScore(double v) { this.lineScore = (float) v; }

    public NumberInfo getAInfo() { return aInfo; }
    public void setAInfo(NumberInfo aInfo) { this.aInfo = aInfo; }
    public NumberInfo getBInfo() { return bInfo; }
    public void setBInfo(NumberInfo bInfo) { this.bInfo = bInfo; }

    /** Last network record of the subscriber made at home (not roaming). */
    public long getLastHomeActivityMillis() { return lastHomeActivityMillis; }
    public void setLastHomeActivityMillis(long v) { this.lastHomeActivityMillis = v; }
    public long getLastRoamingActivityMillis() { return lastRoamingActivityMillis; }
    public void setLastRoamingActivityMillis(long v) { this.lastRoamingActivityMillis = v; }
    /** The subscriber's latest network record was made abroad. */
    public boolean isRoamingNow() { return roamingNow; }
    public void setRoamingNow(boolean roamingNow) { this.roamingNow = roamingNow; }
    public long getSubscribedAtMillis() { return subscribedAtMillis; }
    public void setSubscribedAtMillis(long v) { this.subscribedAtMillis = v; }
    /** The serving cell was not among the subscriber's recent cells. */
    public boolean isNewCell() { return newCell; }
    public void setNewCell(boolean newCell) { this.newCell = newCell; }
    /** The handset was not among the subscriber's recent IMEIs. */
    public boolean isNewImei() { return newImei; }
    public void setNewImei(boolean newImei) { this.newImei = newImei; }
    /** For a presented home-network caller: its owner's latest record was made at home. */
    public boolean isCallerOwnerAtHome() { return callerOwnerAtHome; }
    public void setCallerOwnerAtHome(boolean v) { this.callerOwnerAtHome = v; }
    /** For SS7 and Diameter: HOME, PARTNER or FOREIGN origin of the request. */
    public String getSignalingOrigin() { return signalingOrigin; }
    public void setSignalingOrigin(String v) { this.signalingOrigin = v; }
    /** Destination range (country code and the next digits) of a message, for range-wide bursts. */
    public String getRangeKey() { return rangeKey; }
    public void setRangeKey(String rangeKey) { this.rangeKey = rangeKey; }
    /** The record came in on a trunk the network profile lists as international. */
    public boolean isFromInternationalTrunk() { return fromInternationalTrunk; }
    public void setFromInternationalTrunk(boolean v) { this.fromInternationalTrunk = v; }
    /** The handset's TAC is a known multi-SIM gateway model. */
    public boolean isGatewayTac() { return gatewayTac; }
    public void setGatewayTac(boolean v) { this.gatewayTac = v; }

    /** The subscriber's latest SMS or data record before this event: phones in people's hands make both. */
    public long getLastSmsOrDataMillis() { return lastSmsOrDataMillis; }
    public void setLastSmsOrDataMillis(long v) { this.lastSmsOrDataMillis = v; }

    /** The subscriber's latest answered inbound (MT) call before this event: someone picked up the phone. */
    public long getLastAnsweredInboundCallMillis() { return lastAnsweredInboundCallMillis; }
    public void setLastAnsweredInboundCallMillis(long v) { this.lastAnsweredInboundCallMillis = v; }

    /**
     * For a partner's SS7 or Diameter request: the subscriber's latest home record was made in a cell
     * whose coverage reaches that partner (the network profile's {@code borderCells}), so the partner
     * can plausibly serve them minutes later.
     */
    public boolean isHomeCellNearPartner() { return homeCellNearPartner; }
    public void setHomeCellNearPartner(boolean v) { this.homeCellNearPartner = v; }

    /** Set when this record was made on another handset during an answered call: that call's event id. */
    public String getOtherHandsetEventId() { return otherHandsetEventId; }
    public void setOtherHandsetEventId(String v) { this.otherHandsetEventId = v; }
    /** The handset of that call. */
    public String getOtherHandsetImei() { return otherHandsetImei; }
    public void setOtherHandsetImei(String v) { this.otherHandsetImei = v; }
    /**
     * Set when the line came back to a handset it had left for another one, each switch within the
     * alternation window: the last record on the other handset.
     */
    public String getAlternationEventId() { return alternationEventId; }
    public void setAlternationEventId(String v) { this.alternationEventId = v; }
    /** The handset the line went to in between. */
    public String getAlternationImei() { return alternationImei; }
    public void setAlternationImei(String v) { this.alternationImei = v; }
    /** Since the latest remote SIM swap (within the swap window) the line was used on a new handset in a new cell. */
    public boolean isNewHandsetSinceRemoteSwap() { return newHandsetSinceRemoteSwap; }
    public void setNewHandsetSinceRemoteSwap(boolean v) { this.newHandsetSinceRemoteSwap = v; }
    /** That new handset and the cell it was first seen in. */
    public String getSwapHandsetImei() { return swapHandsetImei; }
    public String getSwapHandsetCell() { return swapHandsetCell; }
    public void setSwapHandset(String imei, String cell) {
        this.swapHandsetImei = imei;
        this.swapHandsetCell = cell;
    }

    /** The line was activated less than {@code windowMillis} before {@code nowMillis}. */
    public boolean isSubscribedWithin(long nowMillis, long windowMillis) {
        return subscribedAtMillis != NEVER && nowMillis - subscribedAtMillis <= windowMillis;
    }

    /** The subscriber made a record at home less than {@code windowMillis} before {@code nowMillis}. */
    public boolean isActiveAtHomeWithin(long nowMillis, long windowMillis) {
        return !roamingNow && lastHomeActivityMillis != NEVER && nowMillis - lastHomeActivityMillis <= windowMillis;
    }
}
