package io.ringfence.decision;

import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.IsoInstants;
import io.ringfence.ingest.ParseResult;

import java.nio.charset.StandardCharsets;

/** Events for decision tests, written as a switch would send them. */
final class Calls {
    private static final EventParser PARSER = new EventParser();

    private Calls() {
    }

    static TelecomEvent highCost(String msisdn, String id, long at, double charge) {
        return parse("""
                {"eventId":"%s","type":"VOICE","timestamp":"%s","subscriber":"%s","direction":"MO",
                 "aNumber":"%s","bNumber":"+88213500777","answered":true,"durationSeconds":300,"chargeAmount":%s}"""
                .formatted(id, IsoInstants.format(at), msisdn, msisdn, charge).replace("\n", ""));
    }

    private static TelecomEvent parse(String json) {
        ParseResult r = PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
        if (r instanceof ParseResult.Accepted a) {
            return a.event();
        }
        throw new IllegalArgumentException(r.toString());
    }
}
