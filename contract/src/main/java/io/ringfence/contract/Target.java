package io.ringfence.contract;

import java.util.Objects;

/**
 * What an alert names and a decision acts on, as the contract writes it: a kind and a value. Detection's
 * {@code Subject} (the type analysts' rules build) converts to it; the two kinds are kept in step by a test.
 */
public record Target(Kind kind, String value) {
    public enum Kind { SUBSCRIBER, NUMBER, IP, TRUNK, GT, SENDER }

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
