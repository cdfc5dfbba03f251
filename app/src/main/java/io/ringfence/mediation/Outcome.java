package io.ringfence.mediation;

/**
 * What became of one file.
 *
 * @param kind     DONE (its events and dead letters sent), DUPLICATE (its content was taken before) or FAILED
 * @param sent     events produced to the events topic
 * @param rejected rows sent to the dead-letter topic
 * @param reason   for DUPLICATE and FAILED, one line for the reasons file
 */
public record Outcome(Kind kind, long sent, long rejected, String reason) {
    public enum Kind { DONE, DUPLICATE, FAILED }

    static Outcome done(long sent, long rejected) {
        return new Outcome(Kind.DONE, sent, rejected, null);
    }

    static Outcome duplicate(String reason) {
        return new Outcome(Kind.DUPLICATE, 0, 0, reason);
    }

    static Outcome failed(String reason) {
        return new Outcome(Kind.FAILED, 0, 0, reason);
    }
}
