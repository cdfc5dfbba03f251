package io.ringfence.event;

/** Whether a record was made abroad, and in which visited network (MCC-MNC). */
public record Roaming(boolean roaming, String visitedPlmn) {
    public static final Roaming HOME = new Roaming(false, null);
}
