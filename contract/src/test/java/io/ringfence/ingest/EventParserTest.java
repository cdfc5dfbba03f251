package io.ringfence.ingest;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.Direction;
import io.ringfence.event.EventType;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventParserTest {
    private final EventParser parser = new EventParser();

    private TelecomEvent accept(String line) {
        ParseResult r = parser.parse(line);
        assertThat(r).as("%s -> %s", line, r.describe()).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) r).event();
    }

    private ParseResult.Rejected reject(String line) {
        return reject(line.getBytes(StandardCharsets.UTF_8));
    }

    private ParseResult.Rejected reject(byte[] line) {
        ParseResult r = parser.parse(line);
        assertThat(r).as("%s", new String(line, 0, Math.min(line.length, 300), StandardCharsets.UTF_8))
                .isInstanceOf(ParseResult.Rejected.class);
        return (ParseResult.Rejected) r;
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Nested
    class ValidEvents {
        @Test
        void voiceWithAllFields() {
            VoiceEvent e = (VoiceEvent) accept(Samples.FULL.get(EventType.VOICE));
            assertThat(e.getEventId()).isEqualTo("v-1");
            assertThat(e.getTimestampMillis()).isEqualTo(millis("2026-03-01T12:00:00.123Z"));
            assertThat(e.getSubscriber()).isEqualTo("+447700900001");
            assertThat(e.getDirection()).isEqualTo(Direction.MO);
            assertThat(e.getANumber()).isEqualTo("+447700900001");
            assertThat(e.getBNumber()).isEqualTo("+88234567890");
            assertThat(e.getImsi()).isEqualTo("234150000000001");
            assertThat(e.getImei()).isEqualTo("356938035643809");
            assertThat(e.getCellId()).isEqualTo("234-15-1001-17");
            assertThat(e.isAnswered()).isTrue();
            assertThat(e.getRingSeconds()).isEqualTo(4.5);
            assertThat(e.getDurationSeconds()).isEqualTo(63.0);
            assertThat(e.isRoaming()).isTrue();
            assertThat(e.getVisitedPlmn()).isEqualTo("208-01");
            assertThat(e.getTrunk()).isEqualTo("INTL-GW-1");
            assertThat(e.getChargeAmount()).isEqualTo(12.75);
            assertThat(e.getExtras()).isEmpty();
        }

        @Test
        void smsWithAllFields() {
            SmsEvent e = (SmsEvent) accept(Samples.FULL.get(EventType.SMS));
            assertThat(e.getDirection()).isEqualTo(Direction.MT);
            assertThat(e.getANumber()).isEqualTo("+33612345678");
            assertThat(e.getBNumber()).isEqualTo("+447700900001");
            assertThat(e.getImei()).isEqualTo("35693803564380");
            assertThat(e.getCellId()).isEqualTo("c-9");
            assertThat(e.isRoaming()).isFalse();
            assertThat(e.getVisitedPlmn()).isEqualTo("234-15");
            assertThat(e.getTrunk()).isEqualTo("SMSC-2");
            assertThat(e.getSenderId()).isEqualTo("MyBank");
            assertThat(e.getChargeAmount()).isEqualTo(0.05);
        }

        @Test
        void dataWithAllFields() {
            DataEvent e = (DataEvent) accept(Samples.FULL.get(EventType.DATA));
            assertThat(e.getImsi()).isEqualTo("234150000000001");
            assertThat(e.getImei()).isEqualTo("3569380356438091");
            assertThat(e.getCellId()).isEqualTo("c-1");
            assertThat(e.getBytesUp()).isEqualTo(1_048_576L);
            assertThat(e.getBytesDown()).isEqualTo(9_007_199_254_740_991L);
            assertThat(e.isRoaming()).isTrue();
            assertThat(e.getVisitedPlmn()).isEqualTo("310-410");
        }

        @Test
        void sipWithAllFields() {
            SipEvent e = (SipEvent) accept(Samples.FULL.get(EventType.SIP));
            assertThat(e.getMethod()).isEqualTo("REGISTER");
            assertThat(e.getResponseCode()).isEqualTo(401);
            assertThat(e.isAuthFailure()).isTrue();
            assertThat(e.getSourceIp()).isEqualTo("203.0.113.7");
            assertThat(e.getUserAgent()).isEqualTo("friendly-scanner");
            assertThat(e.getFromUri()).isEqualTo("sip:100@pbx.example.com");
            assertThat(e.getToUri()).isEqualTo("sip:100@pbx.example.com");
            assertThat(e.getTrunk()).isEqualTo("PBX-ACME");
        }

        @Test
        void ss7WithAllFields() {
            Ss7Event e = (Ss7Event) accept(Samples.FULL.get(EventType.SS7));
            assertThat(e.getOperation()).isEqualTo("sendRoutingInfoForSM");
            assertThat(e.getCallingGt()).isEqualTo("2250000001");
            assertThat(e.getCalledGt()).isEqualTo("447700000001");
            assertThat(e.getImsi()).isEqualTo("234150000000001");
        }

        @Test
        void diameterWithAllFields() {
            DiameterEvent e = (DiameterEvent) accept(Samples.FULL.get(EventType.DIAMETER));
            assertThat(e.getCommand()).isEqualTo("ULR");
            assertThat(e.getOriginHost()).isEqualTo("mme1.epc.mnc001.mcc208.3gppnetwork.org");
            assertThat(e.getOriginRealm()).isEqualTo("epc.mnc001.mcc208.3gppnetwork.org");
            assertThat(e.getImsi()).isEqualTo("234150000000001");
        }

        @Test
        void simSwapWithAllFields() {
            SimSwapEvent e = (SimSwapEvent) accept(Samples.FULL.get(EventType.SIM_SWAP));
            assertThat(e.getOldImsi()).isEqualTo("234150000000001");
            assertThat(e.getNewImsi()).isEqualTo("234150000000002");
            assertThat(e.getChannel()).isEqualTo("CALL_CENTER");
            assertThat(e.isRemote()).isTrue();
            assertThat(e.getAgentId()).isEqualTo("agent-42");
        }

        @Test
        void callForwardWithAllFields() {
            CallForwardEvent e = (CallForwardEvent) accept(Samples.FULL.get(EventType.CALL_FORWARD));
            assertThat(e.getForwardTo()).isEqualTo("+882351234567");
            assertThat(e.getCondition()).isEqualTo("UNCONDITIONAL");
            assertThat(e.isActive()).isTrue();
        }

        @Test
        void subscriptionWithAllFields() {
            SubscriptionEvent e = (SubscriptionEvent) accept(Samples.FULL.get(EventType.SUBSCRIPTION));
            assertThat(e.getPlan()).isEqualTo("POSTPAID");
            assertThat(e.getCustomerId()).isEqualTo("C-1001");
            assertThat(e.getChannel()).isEqualTo("ONLINE");
            assertThat(e.getIdDocumentHash()).isEqualTo("sha256:9f86d081884c7d65");
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void everyTypeHasAFullAndAMinimalSampleThatParseToThatType(EventType type) {
            assertThat(accept(Samples.FULL.get(type)).getType()).isEqualTo(type);
            assertThat(accept(Samples.MINIMAL.get(type)).getType()).isEqualTo(type);
        }

        @Test
        void optionalFieldsTakeTheirDefaults() {
            VoiceEvent v = (VoiceEvent) accept(Samples.MINIMAL.get(EventType.VOICE));
            assertThat(v.isAnswered()).isFalse();
            assertThat(v.getDurationSeconds()).isZero();
            assertThat(v.getRingSeconds()).isNull();
            assertThat(v.isRoaming()).isFalse();
            assertThat(v.getVisitedPlmn()).isNull();
            assertThat(v.getImsi()).isNull();
            assertThat(v.getChargeAmount()).isNull();
            DataEvent d = (DataEvent) accept(Samples.MINIMAL.get(EventType.DATA));
            assertThat(d.getBytesUp()).isZero();
            assertThat(d.getBytesDown()).isZero();
            SipEvent s = (SipEvent) accept(Samples.MINIMAL.get(EventType.SIP));
            assertThat(s.getResponseCode()).isZero();
            assertThat(s.getSourceIp()).isEqualTo("2001:db8::7");
        }

        @Test
        void nullMeansAbsentForOptionalFields() {
            VoiceEvent v = (VoiceEvent) accept(Samples.voiceWith("imsi", "null"));
            assertThat(v.getImsi()).isNull();
            assertThat(v.getExtras()).doesNotContainKey("imsi");
            assertThat(((VoiceEvent) accept(Samples.voiceWith("answered", "null"))).isAnswered()).isFalse();
        }

        @Test
        void callForwardClearedNeedsNoTarget() {
            CallForwardEvent e = (CallForwardEvent) accept(Samples.MINIMAL.get(EventType.CALL_FORWARD));
            assertThat(e.isActive()).isFalse();
            assertThat(e.getForwardTo()).isNull();
        }

        @ParameterizedTest
        @CsvSource({
                "2026-03-01T12:00:00Z,          2026-03-01T12:00:00Z",
                "2026-03-01T12:00:00.1Z,        2026-03-01T12:00:00.100Z",
                "2026-03-01T12:00:00.123+00:00, 2026-03-01T12:00:00.123Z",
                "2026-03-01T12:00:00.123999999Z,2026-03-01T12:00:00.123Z",
                "2024-02-29T23:59:59.999Z,      2024-02-29T23:59:59.999Z",
                "1969-12-31T23:59:59.9999Z,     1969-12-31T23:59:59.999Z"})
        void timestampsInUtcAreAcceptedToTheMillisecond(String given, String expected) {
            TelecomEvent e = accept(Samples.voiceWith("timestamp", "\"" + given + "\""));
            assertThat(e.getTimestampMillis()).isEqualTo(millis(expected));
        }

        @Test
        void stringLimitsAreInclusiveAndCountCodePoints() {
            assertThat(accept(Samples.voiceWith("eventId", quoted("e".repeat(128)))).getEventId()).hasSize(128);
            // 128 emoji are 256 UTF-16 chars but 128 characters, as JSON Schema counts them.
            String emoji = "\uD83D\uDCDE".repeat(128);
            assertThat(accept(Samples.voiceWith("eventId", quoted(emoji))).getEventId()).isEqualTo(emoji);
            assertThat(((VoiceEvent) accept(Samples.voiceWith("cellId", quoted("Zürich-Ost-1")))).getCellId())
                    .isEqualTo("Zürich-Ost-1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+12345678", "+123456789012345", "+99999999"})
        void e164BoundariesAreAccepted(String number) {
            assertThat(((VoiceEvent) accept(Samples.voiceWith("bNumber", quoted(number)))).getBNumber()).isEqualTo(number);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345", "MyBank", "+447700900001", "Bank & Co.", "A-B_C D"})
        void senderIdsInBothForms(String sender) {
            assertThat(((SmsEvent) accept(Samples.with(EventType.SMS, "senderId", quoted(sender)))).getSenderId())
                    .isEqualTo(sender);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "::1", "fe80::1", "::ffff:192.0.2.1"})
        void ipLiterals(String ip) {
            assertThat(((SipEvent) accept(Samples.with(EventType.SIP, "sourceIp", quoted(ip)))).getSourceIp()).isEqualTo(ip);
        }

        @Test
        void integralFloatIsAnInteger() {
            assertThat(((SipEvent) accept(Samples.with(EventType.SIP, "responseCode", "200.0"))).getResponseCode())
                    .isEqualTo(200);
            assertThat(((DataEvent) accept(Samples.with(EventType.DATA, "bytesUp", "1e3"))).getBytesUp()).isEqualTo(1000);
        }

        @Test
        void trailingNewlineAndCarriageReturnAreAllowed() {
            assertThat(accept(Samples.FULL.get(EventType.SMS) + "\r\n").getEventId()).isEqualTo("s-1");
        }
    }

    @Nested
    class Extras {
        @Test
        void unknownFieldsAreKeptInOrderAsPlainValues() {
            String line = Samples.FULL.get(EventType.SS7).replace("}", ",\"probe\":\"fw-2\",\"hops\":3,\"score\":0.25,"
                    + "\"flagged\":true,\"nothing\":null,\"big\":123456789012345678901234567890,"
                    + "\"meta\":{\"a\":[1,\"x\",{\"b\":false}]},\"list\":[]}");
            TelecomEvent e = accept(line);
            assertThat(e.getExtras()).containsExactly(
                    Map.entry("probe", "fw-2"), Map.entry("hops", 3), Map.entry("score", 0.25),
                    Map.entry("flagged", true), entry("nothing", null),
                    Map.entry("big", new java.math.BigInteger("123456789012345678901234567890")),
                    Map.entry("meta", Map.of("a", List.of(1, "x", Map.of("b", false)))), Map.entry("list", List.of()));
            assertThatThrownBy(() -> e.getExtras().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void fieldsOfOtherTypesAreExtrasAndNotValidated() {
            // 'senderId' is an SMS field; on a VOICE record it is an unknown field like any other.
            TelecomEvent e = accept(Samples.voiceWith("senderId", "{\"not\":\"checked\"}"));
            assertThat(e.getExtras()).containsEntry("senderId", Map.of("not", "checked"));
        }

        @Test
        void nestingUpToTheLimitIsKept() {
            // The event object is level 1, so an extra may open 7 more levels.
            TelecomEvent e = accept(Samples.voiceWith("deep", "[[[[[[[1]]]]]]]"));
            assertThat(e.getExtras()).containsKey("deep");
        }

        @Test
        void extraStringsHaveALimit() {
            accept(Samples.voiceWith("note", quoted("n".repeat(1024))));
            ParseResult.Rejected r = reject(Samples.voiceWith("note", quoted("n".repeat(1025))));
            assertThat(r.describe()).isEqualTo("field 'note': string longer than 1024 characters");
            r = reject(Samples.voiceWith("note", "{\"inner\":" + quoted("n".repeat(1025)) + "}"));
            assertThat(r.field()).isEqualTo("note");
        }

        @Test
        void tooManyFields() {
            StringBuilder b = new StringBuilder(Samples.MINIMAL.get(EventType.DATA));
            b.setLength(b.length() - 1);
            for (int i = 0; i < 60; i++) {
                b.append(",\"x").append(i).append("\":").append(i);
            }
            assertThat(accept(b + "}").getExtras()).hasSize(60);
            ParseResult.Rejected r = reject(b + ",\"one_too_many\":1}");
            assertThat(r.reason()).isEqualTo("more than 64 fields");
        }

        private static Map.Entry<String, Object> entry(String k, Object v) {
            return new java.util.AbstractMap.SimpleEntry<>(k, v);
        }
    }

    @Nested
    class HostileInput {
        @ParameterizedTest
        @ValueSource(strings = {"hello", "{eventId:1}", "{\"eventId\":\"a\",}", "{\"a\":'x'}", "{\"a\":NaN}",
                "{\"a\":01}", "{\"a\":1", "{\"a\"", "{\"a\":\"\u0001\"}", "{\"a\":1}x"})
        void notJsonIsRejectedWholesale(String line) {
            ParseResult.Rejected r = reject(line);
            assertThat(r.field()).isNull();
            assertThat(r.reason()).matches("not valid JSON: .*|trailing data after the JSON object");
        }

        @Test
        void jsonErrorsSayWhere() {
            assertThat(reject("{\"eventId\": x}").reason()).startsWith("not valid JSON: Unrecognized token 'x'")
                    .matches(".* at byte \\d+");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"[1,2]|an array", "42|a number", "\"str\"|a string", "null|null", "true|a boolean"})
        void notAnObject(String line, String found) {
            assertThat(reject(line).reason()).isEqualTo("not a JSON object (found " + found + ")");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void emptyLines(String line) {
            assertThat(reject(line).reason()).isEqualTo("empty line");
        }

        @ParameterizedTest
        @ValueSource(strings = {" {\"a\":1}", "}", " x", "{\"b\":2}", "[]", " 1"})
        void trailingDataAfterTheObject(String tail) {
            assertThat(reject(Samples.FULL.get(EventType.DATA) + tail).reason())
                    .isEqualTo("trailing data after the JSON object");
        }

        @Test
        void deepNestingIsRejectedNamingTheField() {
            ParseResult.Rejected r = reject(Samples.voiceWith("deep", "[[[[[[[[1]]]]]]]]"));
            assertThat(r.describe()).isEqualTo("field 'deep': nested deeper than 8 levels");
            // Far deeper input is refused as soon as the limit is crossed, not after building it.
            String bomb = "{\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
            assertThat(reject(bomb).reason()).isEqualTo("nested deeper than 8 levels");
        }

        @Test
        void tenMegabyteLineIsRejectedOnItsLength() {
            byte[] huge = new byte[10 * 1024 * 1024];
            Arrays.fill(huge, (byte) ' ');
            byte[] event = Samples.FULL.get(EventType.VOICE).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(event, 0, huge, 0, event.length);
            ParseResult.Rejected r = reject(huge);
            assertThat(r.field()).isNull();
            assertThat(r.reason()).isEqualTo("line is 10485760 bytes, over the limit of 65536");
        }

        @Test
        void lineExactlyAtTheLimitIsParsed() {
            byte[] line = new byte[EventLimits.MAX_LINE_BYTES];
            Arrays.fill(line, (byte) ' ');
            byte[] event = Samples.FULL.get(EventType.VOICE).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(event, 0, line, 0, event.length);
            assertThat(parser.parse(line).isAccepted()).isTrue();
            assertThat(new EventParser(event.length - 1).parse(event).describe())
                    .isEqualTo("line is " + event.length + " bytes, over the limit of " + (event.length - 1));
        }

        @Test
        void hugeNumbers() {
            assertThat(reject(Samples.voiceWith("durationSeconds", "1" + "0".repeat(40))).describe())
                    .isEqualTo("field 'durationSeconds': number longer than 32 characters");
            assertThat(reject(rawVoicePlus("big", "0." + "1".repeat(40))).describe())
                    .isEqualTo("field 'big': number longer than 32 characters");
            assertThat(reject(rawVoicePlus("big", "1e400")).describe())
                    .isEqualTo("field 'big': number out of range");
            assertThat(reject(Samples.voiceWith("durationSeconds", "1e30")).describe())
                    .isEqualTo("field 'durationSeconds': over the maximum 31622400");
            assertThat(reject(Samples.with(EventType.DATA, "bytesUp", "9007199254740992")).describe())
                    .isEqualTo("field 'bytesUp': over the maximum 9007199254740991");
        }

        @ParameterizedTest
        @MethodSource("io.ringfence.ingest.EventParserTest#invalidUtf8")
        void invalidUtf8IsRejected(byte[] bad, String name) {
            byte[] line = Samples.FULL.get(EventType.VOICE).replace("c-9", "@@@").replace("234-15-1001-17", "@@@")
                    .getBytes(StandardCharsets.UTF_8);
            int at = new String(line, StandardCharsets.UTF_8).indexOf("@@@");
            byte[] hostile = new byte[line.length - 3 + bad.length];
            System.arraycopy(line, 0, hostile, 0, at);
            System.arraycopy(bad, 0, hostile, at, bad.length);
            System.arraycopy(line, at + 3, hostile, at + bad.length, line.length - at - 3);
            ParseResult.Rejected r = reject(hostile);
            assertThat(r.field()).as(name).isNull();
            assertThat(r.reason()).as(name).matches("invalid UTF-8 at offset " + at + "|NUL byte at offset " + at);
        }

        @Test
        void invalidUtf8AtTheEndAndUtf16Input() {
            byte[] line = (Samples.FULL.get(EventType.DATA)).getBytes(StandardCharsets.UTF_8);
            byte[] truncated = Arrays.copyOf(line, line.length + 1);
            truncated[line.length] = (byte) 0xE2;
            assertThat(reject(truncated).reason()).startsWith("invalid UTF-8");
            assertThat(reject(Samples.FULL.get(EventType.DATA).getBytes(StandardCharsets.UTF_16BE)).reason())
                    .startsWith("NUL byte at offset 0");
            assertThat(reject(Samples.FULL.get(EventType.DATA).getBytes(StandardCharsets.UTF_16)).reason())
                    .startsWith("invalid UTF-8 at offset 0");
        }

        @Test
        void unpairedSurrogateEscapesAreRejected() {
            String line = Samples.FULL.get(EventType.VOICE).replace("\"234-15-1001-17\"", "\"a\\ud800b\"");
            assertThat(reject(line).describe()).isEqualTo("field 'cellId': contains an unpaired UTF-16 surrogate");
            assertThat(reject(rawVoicePlus("note", "\"\\udc00\"")).field()).isEqualTo("note");
            assertThat(reject(rawVoicePlus("note", "[\"\\udc00\"]")).field()).isEqualTo("note");
            assertThat(parser.parse("{\"x\":\"\uD800\"}").describe()).isEqualTo("line contains an unpaired UTF-16 surrogate");
            // A correctly escaped pair is fine.
            assertThat(accept(Samples.voiceWith("note", "\"\\ud83d\\udcde\"")).getExtras()).containsEntry("note", "\uD83D\uDCDE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"FAX", "voice", "", "VOICE "})
        void unknownType(String type) {
            ParseResult.Rejected r = reject(Samples.voiceWith("type", quoted(type)));
            assertThat(r.field()).isEqualTo("type");
            assertThat(r.reason()).isEqualTo("unknown event type '" + type + "'");
        }

        @Test
        void hostileValuesAreQuotedShortAndPrintable() {
            ParseResult.Rejected r = reject(Samples.voiceWith("type", quoted("X\n" + "y".repeat(100))));
            assertThat(r.reason()).isEqualTo("unknown event type 'X?" + "y".repeat(38) + "...'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "VOICE|aNumber|447700900001|expected a string, got a number",
                "VOICE|answered|\"true\"|expected a boolean, got a string",
                "VOICE|durationSeconds|\"60\"|expected a number, got a string",
                "VOICE|direction|1|expected a string, got a number",
                "VOICE|eventId|{\"id\":1}|expected a string, got an object",
                "VOICE|timestamp|1772366400000|expected a string, got a number",
                "VOICE|subscriber|[\"+447700900001\"]|expected a string, got an array",
                "DATA|bytesUp|1.5|expected an integer, got a fraction",
                "DATA|bytesDown|\"10\"|expected an integer, got a string",
                "SIP|responseCode|\"401\"|expected an integer, got a string",
                "CALL_FORWARD|active|\"yes\"|expected a boolean, got a string",
                "SIM_SWAP|channel|true|expected a string, got a boolean"})
        void wrongJsonType(EventType type, String field, String value, String reason) {
            assertThat(reject(Samples.with(type, field, value)).describe())
                    .isEqualTo("field '" + field + "': " + reason);
        }

        @ParameterizedTest
        @MethodSource("io.ringfence.ingest.EventParserTest#requiredFields")
        void missingRequiredField(EventType type, String field) {
            assertThat(reject(Samples.without(type, field)).describe())
                    .isEqualTo("field '" + field + "': missing required field");
            assertThat(reject(Samples.with(type, field, "null")).describe())
                    .isEqualTo("field '" + field + "': must not be null");
        }

        @Test
        void activeForwardingNeedsATarget() {
            assertThat(reject(Samples.without(EventType.CALL_FORWARD, "forwardTo")).describe())
                    .isEqualTo("field 'forwardTo': required when active is true");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "VOICE|direction|mo|must be one of MO, MT (got 'mo')",
                "SIM_SWAP|channel|SHOP|must be one of RETAIL, ONLINE, CALL_CENTER (got 'SHOP')",
                "CALL_FORWARD|condition|ALWAYS|must be one of UNCONDITIONAL, BUSY, NO_REPLY, NOT_REACHABLE (got 'ALWAYS')",
                "SUBSCRIPTION|plan|prepaid|must be one of PREPAID, POSTPAID (got 'prepaid')"})
        void badEnumValue(EventType type, String field, String value, String reason) {
            assertThat(reject(Samples.with(type, field, quoted(value))).describe())
                    .isEqualTo("field '" + field + "': " + reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {"447700900001", "+0447700900", "+1234567", "+1234567890123456", "+44 7700 900001",
                "+44770090000a", "++447700900001", "+", "", "+４４7700900001", "+447700900001\n"})
        void badE164(String number) {
            for (String field : List.of("subscriber", "aNumber", "bNumber")) {
                assertThat(reject(Samples.voiceWith(field, quoted(number))).describe())
                        .isEqualTo("field '" + field + "': not E.164 ('+' and 8-15 digits)");
            }
            assertThat(reject(Samples.with(EventType.CALL_FORWARD, "forwardTo", quoted(number))).field())
                    .isEqualTo("forwardTo");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "2026-03-01T12:00:00.123+01:00|not UTC: the offset must be 'Z' or '+00:00'",
                "2026-03-01T12:00:00-00:00|not UTC: the offset must be 'Z' or '+00:00'",
                "2026-03-01T12:00:00|not UTC: the offset must be 'Z' or '+00:00'",
                "2026-03-01T12:00:00.5|not UTC: the offset must be 'Z' or '+00:00'",
                "2026-03-01 12:00:00Z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "2026-03-01t12:00:00z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "2026-03-01T12:00Z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "2026-3-1T12:00:00Z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "2026-03-01T12:00:00.Z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "2026-03-01T12:00:00.1234567890Z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "+2026-03-01T12:00:00Z|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "1772366400|not an ISO-8601 instant like 2026-03-01T12:00:00.123Z",
                "2026-02-29T12:00:00Z|no such date or time",
                "2026-04-31T12:00:00Z|no such date or time",
                "2026-13-01T12:00:00Z|no such date or time",
                "2026-03-01T24:00:00Z|no such date or time",
                "2026-03-01T23:59:60Z|no such date or time"})
        void badTimestamp(String value, String problem) {
            assertThat(reject(Samples.voiceWith("timestamp", quoted(value))).describe())
                    .isEqualTo("field 'timestamp': " + problem + " (got '" + value + "')");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "VOICE|durationSeconds|-1|must not be negative",
                "VOICE|ringSeconds|-0.5|must not be negative",
                "VOICE|chargeAmount|-3|must not be negative",
                "DATA|bytesUp|-1|must not be negative",
                "DATA|bytesDown|-1e3|must not be negative",
                "SIP|responseCode|99|below the minimum 100",
                "SIP|responseCode|700|over the maximum 699"})
        void outOfRangeNumbers(EventType type, String field, String value, String reason) {
            assertThat(reject(Samples.with(type, field, value)).describe()).isEqualTo("field '" + field + "': " + reason);
        }

        @ParameterizedTest
        @MethodSource("io.ringfence.ingest.EventParserTest#badStrings")
        void stringsOverTheirLimitOrOutOfShape(EventType type, String field, String value, String reason) {
            assertThat(reject(Samples.with(type, field, quoted(value))).describe())
                    .isEqualTo("field '" + field + "': " + reason);
        }

        @Test
        void duplicateFieldsAreAmbiguousAndRejected() {
            String line = Samples.FULL.get(EventType.VOICE).replace("}", ",\"aNumber\":\"+447700900002\"}");
            assertThat(reject(line).describe()).isEqualTo("field 'aNumber': duplicate field");
            assertThat(reject(rawVoicePlus("x", "{\"a\":1,\"a\":2}")).describe())
                    .isEqualTo("field 'x': duplicate field 'a' in nested object");
        }

        @Test
        void fieldNames() {
            String longName = "n".repeat(65);
            assertThat(reject(Samples.voiceWith(longName, "1")).reason()).isEqualTo(
                    "field name '" + "n".repeat(40) + "...' longer than 64 characters");
            assertThat(accept(Samples.voiceWith("n".repeat(64), "1")).getExtras()).hasSize(1);
            assertThat(reject(Samples.voiceWith("", "1")).reason()).isEqualTo("empty field name");
        }

        @Test
        void nullAndBadSlicesAreRejected() {
            assertThat(parser.parse((byte[]) null).describe()).isEqualTo("no input");
            assertThat(parser.parse((String) null).describe()).isEqualTo("no input");
            assertThat(parser.parse(new byte[4], 3, 2).describe()).isEqualTo("bad offset or length");
            assertThat(parser.parse(new byte[4], -1, 2).describe()).isEqualTo("bad offset or length");
        }
    }

    /** The A-party of application-to-person SMS: short codes and alphanumeric originators, on SMS only. */
    @Nested
    class SmsOriginators {
        private static final String A2P_REASON = "not E.164 ('+' and 8-15 digits), a short code (4-8 digits) or an "
                + "alphanumeric sender (up to 11 letters, digits, spaces and . _ & -, with a letter, no space at either end)";

        private SmsEvent sms(String aNumber) {
            return (SmsEvent) accept(Samples.with(EventType.SMS, "aNumber", quoted(aNumber)).replace(",\"senderId\":\"MyBank\"", ""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1234", "72555", "606060", "0800123", "12345678"})
        void shortCodesAreAcceptedAsTheANumberOfAnSms(String shortCode) {
            SmsEvent e = sms(shortCode);
            assertThat(e.getANumber()).isEqualTo(shortCode);
            assertThat(e.getSenderId()).isNull();
            assertThat(e.getA2pSender()).as("the short code is the sender").isEqualTo(shortCode);
            assertThat(e.isA2p()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"MyBank", "HSBC UK", "M&S", "Tesco.com", "DHL-Express", "O2", "X", "PAY_PAL",
                "2FA", "1234567890A", "-Bank-"})
        void alphanumericOriginatorsAreAcceptedAsTheANumberOfAnSms(String sender) {
            SmsEvent e = sms(sender);
            assertThat(e.getANumber()).isEqualTo(sender);
            assertThat(e.getA2pSender()).isEqualTo(sender);
        }

        @Test
        void aSenderIdStillNamesTheSenderAndPersonToPersonMessagesHaveNone() {
            SmsEvent withSenderId = (SmsEvent) accept(Samples.with(EventType.SMS, "aNumber", quoted("72555")));
            assertThat(withSenderId.getA2pSender()).isEqualTo("MyBank");
            SmsEvent p2p = (SmsEvent) accept(Samples.MINIMAL.get(EventType.SMS));
            assertThat(p2p.getA2pSender()).isNull();
            assertThat(p2p.isA2p()).isFalse();
        }

        @Test
        void theA2pSamplesParseAndWriteBackUnchanged() {
            for (String line : Samples.A2P_SMS) {
                SmsEvent e = (SmsEvent) accept(line);
                assertThat(e.isA2p()).as(line).isTrue();
                String written = EventJson.toJson(e);
                assertThat(written).contains("\"aNumber\":" + quoted(e.getANumber()));
                assertThat(EventSnapshot.of(accept(written))).isEqualTo(EventSnapshot.of(e));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"123", "1", "123456789", "447700900001", "", " ", "MyBankIsGreat", "ABCDEFGHIJKL",
                " MyBank", "MyBank ", "My\tBank", "MyBank\n", "My\u0000Bank", "My\u007fBank", "Bank<1>", "Zürich",
                "B@nk", "Bank!", "+MyBank", "+1234", "+447700900001x", "----", "12 34", "...", "7 7", "\uFF2Dy"})
        void malformedOriginatorsAreRejectedWithTheFormsThatAreAllowed(String value) {
            String line = Samples.with(EventType.SMS, "aNumber", quoted(value));
            assertThat(reject(line).describe()).isEqualTo("field 'aNumber': " + A2P_REASON);
        }

        @ParameterizedTest
        @ValueSource(strings = {"72555", "1234", "MyBank", "HSBC UK"})
        void everyOtherNumberStaysE164(String value) {
            String notE164 = "not E.164 ('+' and 8-15 digits)";
            for (String field : List.of("aNumber", "bNumber", "subscriber")) {
                assertThat(reject(Samples.voiceWith(field, quoted(value))).describe())
                        .as("VOICE %s", field).isEqualTo("field '" + field + "': " + notE164);
            }
            for (String field : List.of("bNumber", "subscriber")) {
                assertThat(reject(Samples.with(EventType.SMS, field, quoted(value))).describe())
                        .as("SMS %s", field).isEqualTo("field '" + field + "': " + notE164);
            }
            assertThat(reject(Samples.with(EventType.CALL_FORWARD, "forwardTo", quoted(value))).describe())
                    .isEqualTo("field 'forwardTo': " + notE164);
            assertThat(reject(Samples.with(EventType.DATA, "subscriber", quoted(value))).describe())
                    .isEqualTo("field 'subscriber': " + notE164);
        }

        @Test
        void aNonStringANumberIsStillAWrongType() {
            assertThat(reject(Samples.with(EventType.SMS, "aNumber", "72555")).describe())
                    .isEqualTo("field 'aNumber': expected a string, got a number");
            assertThat(reject(Samples.with(EventType.SMS, "aNumber", "null")).describe())
                    .isEqualTo("field 'aNumber': must not be null");
        }
    }

    @Test
    void parsesASliceOfALargerBuffer() {
        byte[] a = Samples.FULL.get(EventType.SMS).getBytes(StandardCharsets.UTF_8);
        byte[] b = Samples.FULL.get(EventType.SS7).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(a);
        buf.write('\n');
        buf.writeBytes(b);
        byte[] all = buf.toByteArray();
        assertThat(((ParseResult.Accepted) parser.parse(all, a.length + 1, b.length)).event().getEventId()).isEqualTo("7-1");
        assertThat(((ParseResult.Accepted) parser.parse(all, 0, a.length)).event().getEventId()).isEqualTo("s-1");
    }

    @Test
    void aMixedStreamKeepsGoing() {
        List<String> good = new ArrayList<>();
        good.addAll(Samples.FULL.values());
        good.addAll(Samples.MINIMAL.values());
        List<byte[]> bad = new ArrayList<>(List.of(
                "not json".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xC3, 0x28},
                new byte[100_000],
                "{\"type\":\"FAX\"}".getBytes(StandardCharsets.UTF_8),
                Samples.voiceWith("aNumber", "\"123\"").getBytes(StandardCharsets.UTF_8),
                ("{\"x\":" + "[".repeat(5000)).getBytes(StandardCharsets.UTF_8)));
        List<byte[]> stream = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stream.add(good.get(i % good.size()).replace("\"eventId\":\"", "\"eventId\":\"" + i + "-")
                    .getBytes(StandardCharsets.UTF_8));
            stream.add(bad.get(i % bad.size()));
        }
        int accepted = 0;
        int rejected = 0;
        for (byte[] line : stream) {
            ParseResult r = parser.parse(line);
            if (r instanceof ParseResult.Accepted) {
                accepted++;
            } else {
                assertThat(((ParseResult.Rejected) r).reason()).isNotBlank();
                rejected++;
            }
        }
        assertThat(accepted).isEqualTo(50);
        assertThat(rejected).isEqualTo(50);
    }

    /**
     * Random damage to valid lines: the parser must answer every one, never throw, and what it
     * accepts must survive a write and re-parse unchanged.
     */
    @Test
    void randomlyDamagedLinesNeverThrow() {
        Random random = new Random(20260301);
        List<byte[]> valid = new ArrayList<>();
        Samples.FULL.values().forEach(s -> valid.add(s.getBytes(StandardCharsets.UTF_8)));
        Samples.MINIMAL.values().forEach(s -> valid.add(s.getBytes(StandardCharsets.UTF_8)));
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] line = valid.get(random.nextInt(valid.size())).clone();
            int damage = 1 + random.nextInt(3);
            for (int d = 0; d < damage; d++) {
                int at = random.nextInt(line.length);
                switch (random.nextInt(4)) {
                    case 0 -> line[at] = (byte) random.nextInt(256);
                    case 1 -> line[at] = (byte) JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length()));
                    case 2 -> line = Arrays.copyOf(line, at);
                    default -> line[at] = (byte) ('0' + random.nextInt(10));
                }
                if (line.length == 0) {
                    break;
                }
            }
            ParseResult r = parser.parse(line);
            if (r instanceof ParseResult.Accepted a) {
                accepted++;
                TelecomEvent again = ((ParseResult.Accepted) parser.parse(EventJson.toJsonBytes(a.event()))).event();
                assertThat(EventSnapshot.of(again)).isEqualTo(EventSnapshot.of(a.event()));
            } else {
                assertThat(r.describe()).isNotBlank().doesNotContain("internal parser error");
                rejected++;
            }
        }
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }

    private static final String JSON_CHARS = "{}[]\",:0-+.eE\\ tfn";

    /** The full voice sample with one more member appended as raw text, bypassing any JSON library. */
    static String rawVoicePlus(String field, String rawJsonValue) {
        String line = Samples.FULL.get(EventType.VOICE);
        return line.substring(0, line.length() - 1) + ",\"" + field + "\":" + rawJsonValue + "}";
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of(new byte[]{(byte) 0xC3, 0x28}, "bad continuation"),
                Arguments.of(new byte[]{(byte) 0xC0, (byte) 0xAF}, "overlong slash"),
                Arguments.of(new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, "overlong 3-byte"),
                Arguments.of(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "encoded surrogate"),
                Arguments.of(new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, "above U+10FFFF"),
                Arguments.of(new byte[]{(byte) 0xFF}, "0xFF"),
                Arguments.of(new byte[]{(byte) 0x80}, "lone continuation"),
                Arguments.of(new byte[]{(byte) 0xE2, (byte) 0x82}, "truncated sequence"),
                Arguments.of(new byte[]{0}, "NUL"));
    }

    static Stream<Arguments> requiredFields() {
        List<Arguments> args = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (String field : List.of("eventId", "type", "timestamp", "subscriber")) {
                args.add(Arguments.of(type, field));
            }
            for (String field : Samples.REQUIRED.get(type)) {
                args.add(Arguments.of(type, field));
            }
        }
        return args.stream();
    }

    static Stream<Arguments> badStrings() {
        return Stream.of(
                Arguments.of(EventType.VOICE, "eventId", "e".repeat(129), "longer than 128 characters"),
                Arguments.of(EventType.VOICE, "eventId", "", "must not be empty"),
                Arguments.of(EventType.VOICE, "eventId", "a\tb", "contains a control character"),
                Arguments.of(EventType.VOICE, "imsi", "1234", "not an IMSI (5-15 digits)"),
                Arguments.of(EventType.VOICE, "imsi", "1".repeat(16), "not an IMSI (5-15 digits)"),
                Arguments.of(EventType.VOICE, "imsi", "23415000000000x", "not an IMSI (5-15 digits)"),
                Arguments.of(EventType.VOICE, "imei", "1".repeat(13), "not an IMEI (14-16 digits)"),
                Arguments.of(EventType.VOICE, "imei", "1".repeat(17), "not an IMEI (14-16 digits)"),
                Arguments.of(EventType.VOICE, "cellId", "c".repeat(65), "longer than 64 characters"),
                Arguments.of(EventType.VOICE, "trunk", "t".repeat(65), "longer than 64 characters"),
                Arguments.of(EventType.VOICE, "trunk", "a\u007Fb", "contains a control character"),
                Arguments.of(EventType.VOICE, "visitedPlmn", "20801", "not an MCC-MNC code like 208-01"),
                Arguments.of(EventType.VOICE, "visitedPlmn", "208-1", "not an MCC-MNC code like 208-01"),
                Arguments.of(EventType.SMS, "senderId", "MyBankIsGreat", "not a sender id (up to 15 digits, or up to 11 letters, digits, spaces and . _ & -)"),
                Arguments.of(EventType.SMS, "senderId", "1".repeat(16), "not a sender id (up to 15 digits, or up to 11 letters, digits, spaces and . _ & -)"),
                Arguments.of(EventType.SMS, "senderId", "Bank<script>", "not a sender id (up to 15 digits, or up to 11 letters, digits, spaces and . _ & -)"),
                Arguments.of(EventType.SIP, "method", "register", "not a SIP method (1-32 upper-case letters)"),
                Arguments.of(EventType.SIP, "sourceIp", "pbx.example.com", "not an IPv4 or IPv6 address"),
                Arguments.of(EventType.SIP, "sourceIp", "256.1.1.1", "not an IPv4 or IPv6 address"),
                Arguments.of(EventType.SIP, "sourceIp", "01.2.3.4", "not an IPv4 or IPv6 address"),
                Arguments.of(EventType.SIP, "sourceIp", "1.2.3", "not an IPv4 or IPv6 address"),
                Arguments.of(EventType.SIP, "sourceIp", "1.2.3.4.5", "not an IPv4 or IPv6 address"),
                Arguments.of(EventType.SIP, "sourceIp", "g::1", "not an IPv4 or IPv6 address"),
                Arguments.of(EventType.SIP, "userAgent", "u".repeat(257), "longer than 256 characters"),
                Arguments.of(EventType.SIP, "fromUri", "sip:" + "f".repeat(253), "longer than 256 characters"),
                Arguments.of(EventType.SIP, "toUri", "sip:a\nb", "contains a control character"),
                Arguments.of(EventType.SS7, "callingGt", "1".repeat(16), "not a global title (1-15 digits)"),
                Arguments.of(EventType.SS7, "calledGt", "+447700000001", "not a global title (1-15 digits)"),
                Arguments.of(EventType.SS7, "operation", "send routing info", "not a MAP operation name (a letter, then letters, digits, '_' or '-'; at most 64)"),
                Arguments.of(EventType.DIAMETER, "command", "1ULR", "not a Diameter command name (a letter, then letters, digits, '_' or '-'; at most 64)"),
                Arguments.of(EventType.DIAMETER, "originRealm", "r".repeat(256), "not a host or realm name (letters, digits, '.', '_', '-'; at most 255)"),
                Arguments.of(EventType.DIAMETER, "originHost", "mme 1", "not a host or realm name (letters, digits, '.', '_', '-'; at most 255)"),
                Arguments.of(EventType.SIM_SWAP, "newImsi", "", "not an IMSI (5-15 digits)"),
                Arguments.of(EventType.SIM_SWAP, "agentId", "a".repeat(65), "longer than 64 characters"),
                Arguments.of(EventType.SUBSCRIPTION, "customerId", "c".repeat(65), "longer than 64 characters"),
                Arguments.of(EventType.SUBSCRIPTION, "channel", "online", "not an upper-case code (A-Z, 0-9, '_'; at most 32)"),
                Arguments.of(EventType.SUBSCRIPTION, "idDocumentHash", "h".repeat(129), "not a hash (hex or base64, at most 128 characters)"));
    }

    static String quoted(String s) {
        return Samples.json(s);
    }
}
