package io.ringfence.detection;

import io.ringfence.contract.Target;

/** The entity an alert asks to act on (contract: kind and value). */
public record Subject(Kind kind, String value) {
    public enum Kind { SUBSCRIBER, NUMBER, IP, TRUNK, GT, SENDER }

    public static Subject subscriber(String msisdn) { return new Subject(Kind.SUBSCRIBER, msisdn); }
    public static Subject number(String e164) { return new Subject(Kind.NUMBER, e164); }
    public static Subject ip(String ip) { return new Subject(Kind.IP, ip); }
    public static Subject trunk(String trunk) { return new Subject(Kind.TRUNK, trunk); }
    public static Subject gt(String gt) { return new Subject(Kind.GT, gt); }
    public static Subject sender(String senderId) { return new Subject(Kind.SENDER, senderId); }

    /** As the contract writes it: the kinds are the same ({@code SubjectTest}). */
    public Target target() {
        return new Target(Target.Kind.valueOf(kind.name()), value);
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
