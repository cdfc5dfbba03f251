package io.ringfence.event;

/** A network record made by a handset: voice, SMS and data records, which say where and on what. */
public interface DeviceRecord {
    String getSubscriber();
    String getEventId();
    long getTimestampMillis();
    String getImei();
    String getCellId();
    boolean isRoaming();
    Enrichment getEnrichment();
}
