package io.ringfence.event;

/** A Diameter request (S6a and similar) seen at the edge agent. */
public final class DiameterEvent extends TelecomEvent {
    private final String command;
    private final String originHost;
    private final String originRealm;
    private final String imsi;

    public DiameterEvent(Common common, String command, String originHost, String originRealm, String imsi) {
        super(common);
        this.command = command;
        this.originHost = originHost;
        this.originRealm = originRealm;
        this.imsi = imsi;
    }

    @Override
    public EventType getType() { return EventType.DIAMETER; }
    public String getCommand() { return command; }
    public String getOriginHost() { return originHost; }
    public String getOriginRealm() { return originRealm; }
    public String getImsi() { return imsi; }
}
