package io.ringfence.event;

/** A SIM change on the subscriber's line, and the channel that performed it. */
public final class SimSwapEvent extends TelecomEvent {
    private final String oldImsi;
    private final String newImsi;
    private final String channel;
    private final String agentId;

    public SimSwapEvent(Common common, String oldImsi, String newImsi, String channel, String agentId) {
        super(common);
        this.oldImsi = oldImsi;
        this.newImsi = newImsi;
        this.channel = channel;
        this.agentId = agentId;
    }

    @Override
    public EventType getType() { return EventType.SIM_SWAP; }
    public String getOldImsi() { return oldImsi; }
    public String getNewImsi() { return newImsi; }
    public String getChannel() { return channel; }
    public String getAgentId() { return agentId; }
    /** Online and call-centre swaps happen without the customer in front of a clerk. */
    public boolean isRemote() { return !"RETAIL".equals(channel); }
}
