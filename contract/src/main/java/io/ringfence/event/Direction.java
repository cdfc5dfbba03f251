package io.ringfence.event;

/** Call or message direction from the home subscriber's point of view. */
public enum Direction {
    /** Originating: the subscriber called or sent. */
    MO,
    /** Terminating: the subscriber was called or received. */
    MT
}
