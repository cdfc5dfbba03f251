package io.ringfence.event;

/** A data session record. */
public final class DataEvent extends TelecomEvent implements DeviceRecord {
    private final Device device;
    private final Roaming roaming;
    private final long bytesUp;
    private final long bytesDown;

    public DataEvent(Common common, Device device, Roaming roaming, long bytesUp, long bytesDown) {
        super(common);
        this.device = device == null ? Device.NONE : device;
        this.roaming = roaming == null ? Roaming.HOME : roaming;
        this.bytesUp = bytesUp;
        this.bytesDown = bytesDown;
    }

    @Override
    public EventType getType() { return EventType.DATA; }
    public String getImsi() { return device.imsi(); }
    public String getImei() { return device.imei(); }
    public String getCellId() { return device.cellId(); }
    public boolean isRoaming() { return roaming.roaming(); }
    public String getVisitedPlmn() { return roaming.visitedPlmn(); }
    public long getBytesUp() { return bytesUp; }
    public long getBytesDown() { return bytesDown; }
}
