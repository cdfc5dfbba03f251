package io.ringfence.event;

/** What VOICE and SMS call detail records share. */
public abstract class CdrEvent extends TelecomEvent implements DeviceRecord {
    private final Direction direction;
    private final String aNumber;
    private final String bNumber;
    private final Device device;
    private final Roaming roaming;
    private final String trunk;
    private final Double chargeAmount;

    protected CdrEvent(Common common, Direction direction, String aNumber, String bNumber,
                       Device device, Roaming roaming, String trunk, Double chargeAmount) {
        super(common);
        this.direction = direction;
        this.aNumber = aNumber;
        this.bNumber = bNumber;
        this.device = device == null ? Device.NONE : device;
        this.roaming = roaming == null ? Roaming.HOME : roaming;
        this.trunk = trunk;
        this.chargeAmount = chargeAmount;
    }

    public Direction getDirection() { return direction; }
    public boolean isMo() { return direction == Direction.MO; }
    public boolean isMt() { return direction == Direction.MT; }
    public String getANumber() { return aNumber; }
    public String getBNumber() { return bNumber; }
    /** The other party: the B-number of an originating record, the A-number of a terminating one. */
    public String getOtherParty() { return direction == Direction.MO ? bNumber : aNumber; }
    public String getImsi() { return device.imsi(); }
    public String getImei() { return device.imei(); }
    public String getCellId() { return device.cellId(); }
    public boolean isRoaming() { return roaming.roaming(); }
    public String getVisitedPlmn() { return roaming.visitedPlmn(); }
    public String getTrunk() { return trunk; }
    public Double getChargeAmount() { return chargeAmount; }
}
