package io.ringfence.detection;

/** The contract's typology codes. */
public enum Typology {
    WANGIRI, IRSF, SIMBOX, PBX_HACKING, SIM_SWAP, SMS_PUMPING, ROAMING_FRAUD, SUBSCRIPTION_FRAUD,
    SIM_CLONING, SS7_ATTACK, DIAMETER_ATTACK, CALL_FORWARD_FRAUD, CLI_SPOOFING,
    /**
     * Not a fraud pattern but the fraud model's word: a line it scores high while no rule has an incident open on it
     * (io.ringfence.decision.AnomalyWatch). An analyst looks; it is never blocked automatically.
     */
    ANOMALY;

    /** The typologies the rule set raises: every one but {@link #ANOMALY}, which the model raises. */
    public static java.util.List<Typology> ofRules() {
        return java.util.Arrays.stream(values()).filter(t -> t != ANOMALY).toList();
    }
}
