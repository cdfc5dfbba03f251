package io.ringfence.features;

/** State that is forgotten after the tracker's retention without activity. */
interface Idle {
    long lastSeen();
}
