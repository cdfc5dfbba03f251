package io.ringfence.features;

/** Which SIMs a handset carried in the retention. */
final class Handset implements Idle {
    long sims;
    long lastSeen = Long.MIN_VALUE;

    @Override
    public long lastSeen() {
        return lastSeen;
    }
}
