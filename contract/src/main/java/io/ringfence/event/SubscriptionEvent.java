package io.ringfence.event;

/** A new subscription (line activation). */
public final class SubscriptionEvent extends TelecomEvent {
    private final String plan;
    private final String customerId;
    private final String channel;
    private final String idDocumentHash;

    public SubscriptionEvent(Common common, String plan, String customerId, String channel, String idDocumentHash) {
        super(common);
        this.plan = plan;
        this.customerId = customerId;
        this.channel = channel;
        this.idDocumentHash = idDocumentHash;
    }

    @Override
    public EventType getType() { return EventType.SUBSCRIPTION; }
    public String getPlan() { return plan; }
    public String getCustomerId() { return customerId; }
    public String getChannel() { return channel; }
    public String getIdDocumentHash() { return idDocumentHash; }
}
