package io.ringfence.detection;

/** The contract's typology codes. */
public enum Typology {
    WANGIRI, IRSF, SIMBOX, PBX_HACKING, SIM_SWAP, SMS_PUMPING, ROAMING_FRAUD, SUBSCRIPTION_FRAUD,
    SIM_CLONING, SS7_ATTACK, DIAMETER_ATTACK, CALL_FORWARD_FRAUD, CLI_SPOOFING
}
