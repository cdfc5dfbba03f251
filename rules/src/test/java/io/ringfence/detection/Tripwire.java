package io.ringfence.detection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class on the class path that uploaded rules must never reach. Its initialisation and its method both count
 * in {@link Count}, a separate class, so that reading the count does not itself initialise the tripwire.
 */
public final class Tripwire {
    static {
        Count.VALUE.incrementAndGet();
    }

    private Tripwire() {
    }

    public static String touch() {
        Count.VALUE.incrementAndGet();
        return "touched";
    }

    /** How often the tripwire class was initialised or called. */
    public static final class Count {
        static final AtomicInteger VALUE = new AtomicInteger();

        private Count() {
        }

        public static int value() {
            return VALUE.get();
        }
    }
}
