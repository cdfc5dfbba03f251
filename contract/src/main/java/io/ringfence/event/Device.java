package io.ringfence.event;

/** Where a record was made: the SIM (IMSI), the handset (IMEI) and the serving cell; each may be absent. */
public record Device(String imsi, String imei, String cellId) {
    public static final Device NONE = new Device(null, null, null);

    /** The type allocation code: the first 8 digits of the IMEI, which identify the device model. */
    public String tac() {
        return imei != null && imei.length() >= 8 ? imei.substring(0, 8) : null;
    }
}
