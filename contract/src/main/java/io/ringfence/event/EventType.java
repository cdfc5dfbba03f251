package io.ringfence.event;

/** The event kinds of the v1 contract. */
public enum EventType {
    VOICE, SMS, DATA, SIP, SS7, DIAMETER, SIM_SWAP, CALL_FORWARD, SUBSCRIPTION
}
