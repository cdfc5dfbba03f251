package io.ringfence.generative;

/** One kind of traffic source; {@link #play} writes its day into the timeline, drawing from the net's random. */
interface Behaviour {
    void play(Net net, Timeline day);
}
