package io.ringfence.event;

/** A message record; {@code senderId} is set for application-to-person traffic. */
public final class SmsEvent extends CdrEvent {
    private final String senderId;

    public SmsEvent(Common common, Direction direction, String aNumber, String bNumber, Device device,
                    Roaming roaming, String trunk, Double chargeAmount, String senderId) {
        super(common, direction, aNumber, bNumber, device, roaming, trunk, chargeAmount);
        this.senderId = senderId;
    }

    @Override
    public EventType getType() { return EventType.SMS; }
    public String getSenderId() { return senderId; }
}
