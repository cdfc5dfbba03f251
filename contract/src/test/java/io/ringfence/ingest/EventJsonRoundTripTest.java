package io.ringfence.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.Device;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.Direction;
import io.ringfence.event.EventType;
import io.ringfence.event.Roaming;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.TelecomEvent.Common;
import io.ringfence.event.VoiceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonRoundTripTest {
    private static final EventParser PARSER = new EventParser();
    private static final long T = Instant.parse("2026-03-01T12:00:00.123Z").toEpochMilli();

    private static TelecomEvent parse(String line) {
        ParseResult r = PARSER.parse(line);
        assertThat(r).as("%s -> %s", line, r.describe()).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) r).event();
    }

    private static void assertRoundTrip(TelecomEvent e) {
        String json = EventJson.toJson(e);
        TelecomEvent back = parse(json);
        assertThat(back.getClass()).isEqualTo(e.getClass());
        assertThat(EventSnapshot.of(back)).as(json).isEqualTo(EventSnapshot.of(e));
        assertThat(EventJson.toJson(back)).as("writing is stable").isEqualTo(json);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void parsedSamplesSurviveWriteAndParse(EventType type) {
        assertRoundTrip(parse(Samples.FULL.get(type)));
        assertRoundTrip(parse(Samples.MINIMAL.get(type)));
    }

    @ParameterizedTest
    @MethodSource("constructedEvents")
    void constructedEventsSurviveWriteAndParse(TelecomEvent e) {
        assertRoundTrip(e);
    }

    @Test
    void snapshotsSeeEveryField() {
        // Guards the round-trip tests themselves: a difference in any field must show.
        VoiceEvent a = voice(Map.of());
        VoiceEvent b = new VoiceEvent(common(Map.of()), Direction.MO, "+447700900001", "+882351234567",
                new Device("234150000000001", "356938035643809", "cell-1"), new Roaming(true, "208-01"),
                "INTL-GW-1", 1.5, true, 3.0, 60.001);
        assertThat(EventSnapshot.of(a)).isNotEqualTo(EventSnapshot.of(b)).containsKeys("getDurationSeconds",
                "getImei", "getVisitedPlmn", "getExtras", "getTimestampMillis", "getRingSeconds", "getChargeAmount");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fullEventsWriteExactlyTheContractFieldsInContractOrder(EventType type) throws IOException {
        TelecomEvent e = parse(Samples.FULL.get(type));
        JsonNode written = Samples.MAPPER.readTree(EventJson.toJson(e));
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(KnownFields.of(type));
        List<String> sampleOrder = new ArrayList<>();
        Samples.full(type).fieldNames().forEachRemaining(sampleOrder::add);
        assertThat(names).as("samples list fields in contract order").isEqualTo(sampleOrder);
    }

    @Test
    void nullOptionalFieldsAreLeftOut() {
        String json = EventJson.toJson(parse(Samples.MINIMAL.get(EventType.VOICE)));
        assertThat(json).isEqualTo("{\"eventId\":\"v-2\",\"type\":\"VOICE\",\"timestamp\":\"2026-03-01T12:00:00.123Z\","
                + "\"subscriber\":\"+447700900001\",\"direction\":\"MT\",\"aNumber\":\"+33612345678\","
                + "\"bNumber\":\"+447700900001\",\"answered\":false,\"durationSeconds\":0,\"roaming\":false}");
        assertThat(EventJson.toJson(parse(Samples.MINIMAL.get(EventType.SIP)))).doesNotContain("responseCode", "userAgent");
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        TelecomEvent whole = parse(Samples.voiceWith("timestamp", "\"2026-03-01T12:00:00Z\""));
        assertThat(EventJson.toJson(whole)).contains("\"timestamp\":\"2026-03-01T12:00:00.000Z\"");
        TelecomEvent nanos = parse(Samples.voiceWith("timestamp", "\"2026-03-01T12:00:00.987654321+00:00\""));
        assertThat(EventJson.toJson(nanos)).contains("\"timestamp\":\"2026-03-01T12:00:00.987Z\"");
    }

    @Test
    void isoInstantsAgreeWithJavaTimeOverTheWholeRange() {
        Random random = new Random(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        List<Long> samples = new ArrayList<>(List.of(min, max, 0L, -1L, 1L, T, 951_782_400_000L));
        for (int i = 0; i < 10_000; i++) {
            samples.add(min + (long) (random.nextDouble() * (max - min)));
        }
        for (long millis : samples) {
            String s = IsoInstants.format(millis);
            assertThat(s).hasSize(24);
            assertThat(Instant.parse(s).toEpochMilli()).as(s).isEqualTo(millis);
            assertThat(IsoInstants.parseMillis(s)).as(s).isEqualTo(millis);
        }
        assertThat(IsoInstants.format(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThatThrownBy(() -> IsoInstants.format(max + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoInstants.parseMillis("2026-03-01T12:00:00+01:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not UTC");
    }

    @Test
    void extrasKeepTheirValuesTypesAndOrder() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("z-first", "kept in order");
        extras.put("count", 3);
        extras.put("long", 12_345_678_901L);
        extras.put("big", new BigInteger("123456789012345678901234567890"));
        extras.put("ratio", 0.125);
        extras.put("flag", false);
        extras.put("nothing", null);
        extras.put("nested", Map.of("list", List.of(1, "two", Map.of("three", true))));
        extras.put("unicode", "Zürich \uD83D\uDCDE");
        TelecomEvent e = voice(extras);
        TelecomEvent back = parse(EventJson.toJson(e));
        assertThat(back.getExtras()).containsExactlyEntriesOf(extras);
        assertThat(List.copyOf(back.getExtras().keySet())).containsExactlyElementsOf(extras.keySet());
    }

    @Test
    void parsedExtrasRoundTripIncludingNesting() {
        String line = Samples.FULL.get(EventType.DATA).replace("}",
                ",\"probe\":{\"id\":\"p1\",\"tags\":[\"a\",\"b\",null,1.5e-7,-3]},\"empty\":{},\"n\":null}");
        TelecomEvent e = parse(line);
        assertRoundTrip(e);
        assertThat(EventJson.toJson(e)).endsWith(
                ",\"probe\":{\"id\":\"p1\",\"tags\":[\"a\",\"b\",null,1.5E-7,-3]},\"empty\":{},\"n\":null}");
    }

    @Test
    void extrasCannotShadowContractFields() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("aNumber", "+449999999999");
        extras.put("eventId", "other");
        extras.put("senderId", "ok-on-voice");
        String json = EventJson.toJson(voice(extras));
        TelecomEvent back = parse(json);
        assertThat(((VoiceEvent) back).getANumber()).isEqualTo("+447700900001");
        assertThat(back.getEventId()).isEqualTo("v-9");
        assertThat(back.getExtras()).containsOnlyKeys("senderId");
    }

    @Test
    void nonJsonExtrasAreAProgrammingError() {
        assertThatThrownBy(() -> EventJson.toJson(voice(Map.of("when", Instant.EPOCH))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'when'");
        assertThatThrownBy(() -> EventJson.toJson(voice(Map.of("nan", Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nan'");
    }

    @Test
    void bigDecimalExtrasAreWrittenAsNumbers() {
        assertThat(EventJson.toJson(voice(Map.of("amount", new BigDecimal("12.50"))))).endsWith(",\"amount\":12.50}");
    }

    @Test
    void writersAppendLinesWithoutClosingOrFlushing() throws IOException {
        TelecomEvent a = parse(Samples.FULL.get(EventType.SMS));
        TelecomEvent b = parse(Samples.FULL.get(EventType.SIM_SWAP));
        StringWriter chars = new StringWriter();
        EventJson.writeLine(a, chars);
        EventJson.writeLine(b, chars);
        TrackingStream bytes = new TrackingStream();
        EventJson.writeLine(a, bytes);
        EventJson.writeLine(b, bytes);
        String expected = EventJson.toJson(a) + "\n" + EventJson.toJson(b) + "\n";
        assertThat(chars.toString()).isEqualTo(expected);
        assertThat(bytes.out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(bytes.closed).isFalse();
        assertThat(bytes.flushes).isZero();
        assertThat(EventJson.toJsonBytes(a)).isEqualTo(EventJson.toJson(a).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nonAsciiIsWrittenAsUtf8NotEscaped() {
        TelecomEvent e = parse(Samples.voiceWith("cellId", "\"Zürich-Ost\""));
        byte[] bytes = EventJson.toJsonBytes(e);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"cellId\":\"Zürich-Ost\"");
        assertThat(((VoiceEvent) ((ParseResult.Accepted) PARSER.parse(bytes)).event()).getCellId()).isEqualTo("Zürich-Ost");
    }

    @Test
    void knownFieldsMatchWhatTheParserConsumes() {
        // Every name the parser treats as a field of the type is in KnownFields, and no other:
        // a known name never lands in extras, an unknown one always does.
        for (EventType type : EventType.values()) {
            Set<String> consumed = new TreeSet<>();
            for (String name : allNames()) {
                String line = Samples.MINIMAL.get(type).replace("}", ",\"" + name + "\":{}}");
                ParseResult r = PARSER.parse(line);
                // A known name either fails (an object is no valid field value) or is a duplicate.
                boolean keptAsExtra = r instanceof ParseResult.Accepted a && a.event().getExtras().containsKey(name);
                if (!keptAsExtra) {
                    consumed.add(name);
                }
            }
            assertThat(consumed).as(type.name()).isEqualTo(new TreeSet<>(KnownFields.of(type)));
        }
    }

    private static Set<String> allNames() {
        Set<String> names = new TreeSet<>();
        for (EventType t : EventType.values()) {
            names.addAll(KnownFields.of(t));
        }
        names.add("somethingElse");
        return names;
    }

    static Stream<TelecomEvent> constructedEvents() {
        Map<String, Object> x = Map.of("source", "unit-test");
        return Stream.of(
                voice(x),
                new VoiceEvent(common(x), Direction.MT, "+33612345678", "+447700900001", Device.NONE, Roaming.HOME,
                        null, null, false, null, 0),
                new VoiceEvent(common(Map.of()), Direction.MO, "+447700900001", "+882351234567",
                        new Device(null, "356938035643809", null), new Roaming(false, "208-01"), null, 0.1 + 0.2,
                        true, 0.3, 1234.5678),
                new SmsEvent(common(x), Direction.MO, "+447700900001", "+33612345678",
                        new Device("234150000000001", null, "cell 7"), new Roaming(true, null), "SMSC", null, "InfoSMS"),
                new DataEvent(common(x), new Device("234150000000001", "35693803564380", "c"), new Roaming(true, "310-410"),
                        0, 9_007_199_254_740_991L),
                new SipEvent(common(x), "INVITE", 0, "::1", null, "sip:a@b", null, "T1"),
                new SipEvent(common(Map.of()), "REGISTER", 403, "198.51.100.20", "sipvicious", null, "sip:x@y", null),
                new Ss7Event(common(x), "updateLocation", "33600000001", null, null),
                new DiameterEvent(common(x), "CLR", null, "epc.mnc015.mcc234.3gppnetwork.org", "234150000000001"),
                new SimSwapEvent(common(x), null, "234150000000009", "ONLINE", null),
                new CallForwardEvent(common(x), null, "NOT_REACHABLE", false),
                new CallForwardEvent(common(x), "+882351234567", "NO_REPLY", true),
                new SubscriptionEvent(common(x), "PREPAID", null, "DEALER_7", "0f".repeat(32)));
    }

    private static VoiceEvent voice(Map<String, Object> extras) {
        return new VoiceEvent(common(extras), Direction.MO, "+447700900001", "+882351234567",
                new Device("234150000000001", "356938035643809", "cell-1"), new Roaming(true, "208-01"),
                "INTL-GW-1", 1.5, true, 3.0, 60);
    }

    private static Common common(Map<String, Object> extras) {
        return new Common("v-9", T, "+447700900001", extras);
    }

    /** Records what a writer does to the caller's stream. */
    private static final class TrackingStream extends OutputStream {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean closed;
        int flushes;

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
