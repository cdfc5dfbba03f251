package io.ringfence.event;

/**
 * A message record; {@code senderId} is set for application-to-person traffic. The A-number of an
 * SMS may also be a short code or an alphanumeric originator ({@link SmsOriginator}), as SMSCs record
 * application-to-person messages.
 */
public final class SmsEvent extends CdrEvent {
    private final String senderId;
    private final String a2pSender;

    public SmsEvent(Common common, Direction direction, String aNumber, String bNumber, Device device,
                    Roaming roaming, String trunk, Double chargeAmount, String senderId) {
        super(common, direction, aNumber, bNumber, device, roaming, trunk, chargeAmount);
        this.senderId = senderId;
        this.a2pSender = senderId != null ? senderId : SmsOriginator.isA2p(aNumber) ? aNumber : null;
    }

    @Override
    public EventType getType() { return EventType.SMS; }
    public String getSenderId() { return senderId; }

    /**
     * The application that sent the message: the {@code senderId} when the record has one, else the
     * A-number when it is a short code or an alphanumeric originator; null for person-to-person
     * messages. Rules about one-time codes and A2P senders key on this.
     */
    public String getA2pSender() { return a2pSender; }

    /** Application-to-person: {@link #getA2pSender()} is set. */
    public boolean isA2p() { return a2pSender != null; }
}
