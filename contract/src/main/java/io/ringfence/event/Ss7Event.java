package io.ringfence.event;

/** A MAP operation seen by the SS7 firewall or probe. */
public final class Ss7Event extends TelecomEvent {
    private final String operation;
    private final String callingGt;
    private final String calledGt;
    private final String imsi;

    public Ss7Event(Common common, String operation, String callingGt, String calledGt, String imsi) {
        super(common);
        this.operation = operation;
        this.callingGt = callingGt;
        this.calledGt = calledGt;
        this.imsi = imsi;
    }

    @Override
    public EventType getType() { return EventType.SS7; }
    public String getOperation() { return operation; }
    public String getCallingGt() { return callingGt; }
    public String getCalledGt() { return calledGt; }
    public String getImsi() { return imsi; }
}
