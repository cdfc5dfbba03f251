package io.ringfence.event;

import java.time.Instant;
import java.util.Locale;

/**
 * What an external number-intelligence service (an HLR or number-portability lookup, a vendor's API) said of
 * one number, and when: the answer's version, so that an explanation can say which answer a rule read.
 *
 * @param number          the E.164 number asked about
 * @param source          the configured name of the service that answered, e.g. {@code hlr:acme}
 * @param answeredAtMillis when the service answered (the answer is cached; an alert may read it hours later)
 * @param status          whether the number is in service: an answered call to a number its network says is
 *                        not assigned is the mark of a hijacked range
 * @param carrier         the network serving the number now (after porting), when the service says
 * @param ported          whether the number was ported away from the range holder's network; null when unknown
 * @param risk            the service's own risk figure in [0, 1]; 0 when it gives none
 */
public record NumberLookupAnswer(String number, String source, long answeredAtMillis, Status status, String carrier, Boolean ported,
                                 double risk) {
    public enum Status { ASSIGNED, UNASSIGNED, UNKNOWN }

    public NumberLookupAnswer {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("a number lookup answer names its number");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a number lookup answer names its source");
        }
        if (status == null) {
            status = Status.UNKNOWN;
        }
        if (!(risk >= 0 && risk <= 1)) {
            throw new IllegalArgumentException("risk must be within [0, 1], got " + risk);
        }
    }

    /** One line for an explanation: the number, who answered and when, and what. */
    public String describe() {
        StringBuilder s = new StringBuilder(number).append(": ").append(source).append(" at ")
                .append(Instant.ofEpochMilli(answeredAtMillis)).append(", ").append(status.name().toLowerCase(Locale.ROOT));
        if (carrier != null) {
            s.append(", carrier ").append(carrier);
        }
        if (Boolean.TRUE.equals(ported)) {
            s.append(", ported");
        }
        if (risk > 0) {
            s.append(", risk ").append(risk);
        }
        return s.toString();
    }
}
