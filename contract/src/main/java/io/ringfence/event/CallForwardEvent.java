package io.ringfence.event;

/** Call forwarding set ({@code active}) or cleared on the subscriber's line. */
public final class CallForwardEvent extends TelecomEvent {
    private final String forwardTo;
    private final String condition;
    private final boolean active;

    public CallForwardEvent(Common common, String forwardTo, String condition, boolean active) {
        super(common);
        this.forwardTo = forwardTo;
        this.condition = condition;
        this.active = active;
    }

    @Override
    public EventType getType() { return EventType.CALL_FORWARD; }
    public String getForwardTo() { return forwardTo; }
    public String getCondition() { return condition; }
    public boolean isActive() { return active; }
}
