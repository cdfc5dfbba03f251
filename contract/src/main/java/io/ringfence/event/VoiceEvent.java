package io.ringfence.event;

/** A call detail record. {@code timestamp} is call set-up; the call lasts {@code durationSeconds}. */
public final class VoiceEvent extends CdrEvent {
    private final boolean answered;
    private final Double ringSeconds;
    private final double durationSeconds;

    public VoiceEvent(Common common, Direction direction, String aNumber, String bNumber, Device device,
                      Roaming roaming, String trunk, Double chargeAmount,
                      boolean answered, Double ringSeconds, double durationSeconds) {
        super(common, direction, aNumber, bNumber, device, roaming, trunk, chargeAmount);
        this.answered = answered;
        this.ringSeconds = ringSeconds;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public EventType getType() { return EventType.VOICE; }
    public boolean isAnswered() { return answered; }
    public Double getRingSeconds() { return ringSeconds; }
    public double getDurationSeconds() { return durationSeconds; }
    public long getEndMillis() { return getTimestampMillis() + Math.round(durationSeconds * 1000); }
    public double getMinutes() { return durationSeconds / 60.0; }

    /** The billed amount when the record carries one, otherwise minutes times a tariff estimate. */
    public double estimatedCharge(double ratePerMinute) {
        Double charge = getChargeAmount();
        return charge != null ? charge : getMinutes() * ratePerMinute;
    }
}
