package io.ringfence.contract;

/** What a decision tells the switches and provisioning to do, as the contract names it. */
public enum Action {
    ALLOW, MONITOR, BLOCK_SUBSCRIBER, BLOCK_NUMBER, BLOCK_SOURCE, OPEN_CASE;

    public boolean isBlock() {
        return this == BLOCK_SUBSCRIBER || this == BLOCK_NUMBER || this == BLOCK_SOURCE;
    }
}
