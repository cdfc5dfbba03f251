package io.ringfence.generative;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One generated record before delivery: its event time and its contract fields. The timestamp is
 * written from {@code t} when the line is rendered, so delivery can misdate a record (a clock jump).
 */
final class Draft {
    final int seq;
    long t;
    final ObjectNode json;

    Draft(int seq, long t, ObjectNode json) {
        this.seq = seq;
        this.t = t;
        this.json = json;
    }

    String line() {
        json.put("timestamp", Instant.ofEpochMilli(t).toString());
        return json.toString();
    }
}
