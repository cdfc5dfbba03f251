package io.ringfence.decision;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class on the class path that an uploaded DMN model must never reach. Initialisation and calls count in
 * {@link Count}, a separate class, so that reading the count does not initialise the tripwire.
 */
public final class DmnTripwire {
    static {
        Count.VALUE.incrementAndGet();
    }

    private DmnTripwire() {
    }

    public static String touch() {
        Count.VALUE.incrementAndGet();
        return "touched";
    }

    /** How often the tripwire was initialised or called. */
    public static final class Count {
        static final AtomicInteger VALUE = new AtomicInteger();

        private Count() {
        }

        static int value() {
            return VALUE.get();
        }
    }
}
