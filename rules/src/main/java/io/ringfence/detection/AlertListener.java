package io.ringfence.detection;

/** Receives alerts as incidents open, grow and close. */
public interface AlertListener {
    /** A new incident: the first match of its typology and subject. Decide here. */
    default void raised(Alert alert) {}

    /** A later match of an open incident. */
    default void updated(Alert alert) {}

    /** The incident went quiet (or the stream ended): the alert is final. */
    default void closed(Alert alert) {}
}
