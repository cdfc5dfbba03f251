package io.ringfence.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.CdrEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Writes events in the contract's JSON form: contract fields in contract order, null optional
 * fields left out, timestamps with milliseconds, then the extras. {@link EventParser} reads the
 * output back to an equal event.
 *
 * <p>Extras must hold JSON-like values (String, Number, Boolean, null, Map, Collection), as the
 * parser produces; anything else is a programming error and raises {@link IllegalArgumentException}.
 * An extra named like one of the type's own fields is skipped, since it would write the key twice.
 */
public final class EventJson {
    private EventJson() {
    }

    /** One JSON object, without a line terminator. */
    public static String toJson(TelecomEvent event) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One JSON object as UTF-8, without a line terminator. */
    public static byte[] toJsonBytes(TelecomEvent event) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(384)) {
            try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
                write(event, g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the event and a {@code '\n'}; neither flushes nor closes {@code out}. */
    public static void writeLine(TelecomEvent event, Writer out) throws IOException {
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            write(event, g);
        }
        out.write('\n');
    }

    /** Appends the event as UTF-8 and a {@code '\n'}; neither flushes nor closes {@code out}. */
    public static void writeLine(TelecomEvent event, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            write(event, g);
        }
        out.write('\n');
    }

    private static void write(TelecomEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventId", e.getEventId());
        g.writeStringField("type", e.getType().name());
        g.writeStringField("timestamp", IsoInstants.format(e.getTimestampMillis()));
        g.writeStringField("subscriber", e.getSubscriber());
        switch (e.getType()) {
            case VOICE -> voice((VoiceEvent) e, g);
            case SMS -> sms((SmsEvent) e, g);
            case DATA -> data((DataEvent) e, g);
            case SIP -> sip((SipEvent) e, g);
            case SS7 -> ss7((Ss7Event) e, g);
            case DIAMETER -> diameter((DiameterEvent) e, g);
            case SIM_SWAP -> simSwap((SimSwapEvent) e, g);
            case CALL_FORWARD -> callForward((CallForwardEvent) e, g);
            case SUBSCRIPTION -> subscription((SubscriptionEvent) e, g);
        }
        extras(e, g);
        g.writeEndObject();
    }

    private static void voice(VoiceEvent e, JsonGenerator g) throws IOException {
        cdrParties(e, g);
        g.writeBooleanField("answered", e.isAnswered());
        number(g, "ringSeconds", e.getRingSeconds());
        number(g, "durationSeconds", e.getDurationSeconds());
        cdrRoute(e, g);
        number(g, "chargeAmount", e.getChargeAmount());
    }

    private static void sms(SmsEvent e, JsonGenerator g) throws IOException {
        cdrParties(e, g);
        cdrRoute(e, g);
        string(g, "senderId", e.getSenderId());
        number(g, "chargeAmount", e.getChargeAmount());
    }

    private static void cdrParties(CdrEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("direction", e.getDirection().name());
        g.writeStringField("aNumber", e.getANumber());
        g.writeStringField("bNumber", e.getBNumber());
        string(g, "imsi", e.getImsi());
        string(g, "imei", e.getImei());
        string(g, "cellId", e.getCellId());
    }

    private static void cdrRoute(CdrEvent e, JsonGenerator g) throws IOException {
        g.writeBooleanField("roaming", e.isRoaming());
        string(g, "visitedPlmn", e.getVisitedPlmn());
        string(g, "trunk", e.getTrunk());
    }

    private static void data(DataEvent e, JsonGenerator g) throws IOException {
        string(g, "imsi", e.getImsi());
        string(g, "imei", e.getImei());
        string(g, "cellId", e.getCellId());
        g.writeNumberField("bytesUp", e.getBytesUp());
        g.writeNumberField("bytesDown", e.getBytesDown());
        g.writeBooleanField("roaming", e.isRoaming());
        string(g, "visitedPlmn", e.getVisitedPlmn());
    }

    private static void sip(SipEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("method", e.getMethod());
        if (e.getResponseCode() != 0) {
            g.writeNumberField("responseCode", e.getResponseCode());
        }
        g.writeStringField("sourceIp", e.getSourceIp());
        string(g, "userAgent", e.getUserAgent());
        string(g, "fromUri", e.getFromUri());
        string(g, "toUri", e.getToUri());
        string(g, "trunk", e.getTrunk());
    }

    private static void ss7(Ss7Event e, JsonGenerator g) throws IOException {
        g.writeStringField("operation", e.getOperation());
        g.writeStringField("callingGt", e.getCallingGt());
        string(g, "calledGt", e.getCalledGt());
        string(g, "imsi", e.getImsi());
    }

    private static void diameter(DiameterEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("command", e.getCommand());
        string(g, "originHost", e.getOriginHost());
        g.writeStringField("originRealm", e.getOriginRealm());
        string(g, "imsi", e.getImsi());
    }

    private static void simSwap(SimSwapEvent e, JsonGenerator g) throws IOException {
        string(g, "oldImsi", e.getOldImsi());
        g.writeStringField("newImsi", e.getNewImsi());
        g.writeStringField("channel", e.getChannel());
        string(g, "agentId", e.getAgentId());
    }

    private static void callForward(CallForwardEvent e, JsonGenerator g) throws IOException {
        string(g, "forwardTo", e.getForwardTo());
        g.writeStringField("condition", e.getCondition());
        g.writeBooleanField("active", e.isActive());
    }

    private static void subscription(SubscriptionEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("plan", e.getPlan());
        string(g, "customerId", e.getCustomerId());
        g.writeStringField("channel", e.getChannel());
        string(g, "idDocumentHash", e.getIdDocumentHash());
    }

    private static void extras(TelecomEvent e, JsonGenerator g) throws IOException {
        Map<String, Object> extras = e.getExtras();
        if (extras.isEmpty()) {
            return;
        }
        Set<String> known = KnownFields.of(e.getType());
        for (Map.Entry<String, Object> x : extras.entrySet()) {
            if (!known.contains(x.getKey())) {
                g.writeFieldName(x.getKey());
                value(g, x.getKey(), x.getValue());
            }
        }
    }

    private static void value(JsonGenerator g, String extra, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("extra '" + extra + "' is not a finite number: " + d);
            }
            g.writeNumber(d);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> x : m.entrySet()) {
                g.writeFieldName(String.valueOf(x.getKey()));
                value(g, extra, x.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                value(g, extra, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("extra '" + extra + "' has a non-JSON value of " + v.getClass().getName());
        }
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            number(g, name, value.doubleValue());
        }
    }

    /** Whole numbers without ".0": durations and charges are mostly whole, and read back the same. */
    private static void number(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            g.writeNumber((long) value);
        } else {
            g.writeNumber(value);
        }
    }
}
