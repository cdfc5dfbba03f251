package io.ringfence.mediation;

/**
 * One line of a CDR file: an event for {@code telecom.events} (key and contract JSON), or the line as it
 * was with the reason it cannot be one.
 *
 * @param line     1-based line number in the (uncompressed) file
 * @param original the line's bytes without its line break
 * @param key      the record key, the event's subscriber (null for a rejected row)
 * @param value    the contract JSON (null for a rejected row)
 * @param field    the offending field of a rejected row, if one is to blame
 * @param reason   why the row was rejected; null for an event
 */
public record Row(long line, byte[] original, byte[] key, byte[] value, String field, String reason) {
    static Row event(long line, byte[] original, byte[] key, byte[] value) {
        return new Row(line, original, key, value, null, null);
    }

    static Row rejected(long line, byte[] original, String field, String reason) {
        return new Row(line, original, null, null, field, reason);
    }

    public boolean accepted() {
        return reason == null;
    }
}
