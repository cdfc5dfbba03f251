package io.ringfence.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpressionFactory;
import io.ringfence.event.EventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds {@code docs/schemas/telecom-event.schema.json} and {@link EventParser} to the same verdict
 * on a corpus of lines: mutations of every field of every type with a pool of awkward values, plus
 * hand-picked cases. A limit changed on one side only shows up here.
 */
class SchemaConformanceTest {
    static final Path SCHEMA = Path.of("..", "docs", "schemas", "telecom-event.schema.json");

    private static JsonSchema schema;
    private static JsonNode schemaJson;
    private final EventParser parser = new EventParser();

    @BeforeAll
    static void loadSchema() throws IOException {
        String text = Files.readString(SCHEMA);
        schemaJson = Samples.MAPPER.readTree(text);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .regularExpressionFactory(ECMA_END_ANCHOR)
                // "format" is only an annotation in 2020-12 unless asked for; the contract means it.
                .formatAssertionsEnabled(true)
                .build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, InputFormat.JSON, config);
    }

    /**
     * Schema patterns follow ECMA-262, where {@code $} matches only at the very end. In
     * java.util.regex it also matches before a final line terminator, which would let
     * {@code "+447700900001\n"} pass the schema here but no other validator.
     */
    private static final RegularExpressionFactory ECMA_END_ANCHOR = regex -> {
        String javaRegex = regex.endsWith("$") && !regex.endsWith("\\$")
                ? regex.substring(0, regex.length() - 1) + "\\z" : regex;
        Pattern p = Pattern.compile(javaRegex);
        return value -> p.matcher(value).find();
    };

    private Set<ValidationMessage> schemaErrors(String line) {
        try {
            return schema.validate(Samples.MAPPER.readTree(line));
        } catch (IOException e) {
            throw new IllegalArgumentException(line, e);
        }
    }

    private record Verdict(String line, boolean schemaValid, boolean parserValid, String why) {
    }

    private Verdict judge(String line) {
        Set<ValidationMessage> errors = schemaErrors(line);
        ParseResult r = parser.parse(line);
        return new Verdict(line, errors.isEmpty(), r.isAccepted(), "schema: " + errors + " / parser: " + r.describe());
    }

    @Test
    void schemaIsValidDraft202012() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(schemaJson)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void samplesAreValidForBoth(EventType type) {
        for (String line : List.of(Samples.FULL.get(type), Samples.MINIMAL.get(type))) {
            assertThat(schemaErrors(line)).as(line).isEmpty();
            assertThat(parser.parse(line).isAccepted()).as(line).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaNamesTheSameFieldsAndRequiredOnesAsTheCode(EventType type) {
        JsonNode branch = schemaJson.get("$defs").get(type.name());
        Set<String> properties = new TreeSet<>();
        branch.get("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).isEqualTo(new TreeSet<>(KnownFields.of(type)));
        Set<String> required = new TreeSet<>();
        branch.get("required").forEach(n -> required.add(n.asText()));
        Set<String> expected = new TreeSet<>(KnownFields.COMMON);
        expected.addAll(Samples.REQUIRED.get(type));
        assertThat(required).isEqualTo(expected);
    }

    @Test
    void mutatedFieldsGetTheSameVerdictFromBoth() {
        List<Verdict> verdicts = new ArrayList<>();
        for (EventType type : EventType.values()) {
            Set<String> fields = new LinkedHashSet<>(KnownFields.of(type));
            fields.add("someExtra");
            for (String field : fields) {
                ObjectNode sample = Samples.full(type);
                ObjectNode removed = sample.deepCopy();
                removed.remove(field);
                verdicts.add(judge(Samples.json(removed)));
                List<String> values = new ArrayList<>(valuePool());
                JsonNode own = sample.get(field);
                if (own != null && own.isTextual()) {
                    values.add(Samples.json(own.asText() + "\n"));
                    values.add(Samples.json(" " + own.asText()));
                    values.add(Samples.json(own.asText() + "x"));
                }
                for (String value : values) {
                    verdicts.add(judge(Samples.with(type, field, value)));
                }
            }
        }
        assertAgreement(verdicts);
        assertThat(verdicts.stream().filter(Verdict::parserValid).count()).isGreaterThan(1000);
        assertThat(verdicts.stream().filter(v -> !v.parserValid()).count()).isGreaterThan(5000);
    }

    @Test
    void handPickedCasesGetTheSameVerdictFromBoth() {
        List<Verdict> verdicts = new ArrayList<>();
        String data = Samples.MINIMAL.get(EventType.DATA);
        String open = data.substring(0, data.length() - 1);
        StringBuilder sixty = new StringBuilder(open);
        for (int i = 0; i < 60; i++) {
            sixty.append(",\"x").append(i).append("\":").append(i);
        }
        verdicts.add(judge(sixty + "}"));
        verdicts.add(judge(sixty + ",\"x60\":60}"));
        for (String extra : List.of("{\"\":1}", "{\"" + "n".repeat(64) + "\":1}", "{\"" + "n".repeat(65) + "\":1}",
                "[\"" + "s".repeat(1024) + "\"]", "[\"" + "s".repeat(1025) + "\"]", "[[[[[[[1]]]]]]]",
                "{\"a\":{\"b\":{\"c\":\"" + "s".repeat(1025) + "\"}}}")) {
            verdicts.add(judge(open + ",\"extra\":" + extra + "}"));
        }
        verdicts.add(judge(open + ",\"" + "n".repeat(65) + "\":1}"));
        verdicts.add(judge(open + ",\"\":1}"));
        verdicts.add(judge("{\"type\":\"VOICE\"}"));
        verdicts.add(judge("{}"));
        verdicts.add(judge("[]"));
        verdicts.add(judge(Samples.with(EventType.CALL_FORWARD, "active", "false").replace("\"forwardTo\":\"+882351234567\",", "")));
        verdicts.add(judge(Samples.with(EventType.CALL_FORWARD, "forwardTo", "null")));
        verdicts.add(judge(Samples.with(EventType.CALL_FORWARD, "active", "false")
                .replace("\"+882351234567\"", "null")));
        assertAgreement(verdicts);
    }

    @Test
    void a2pSamplesAreValidForBothAndOnlyAsTheANumberOfAnSms() {
        for (String line : Samples.A2P_SMS) {
            assertThat(schemaErrors(line)).as(line).isEmpty();
            assertThat(parser.parse(line).isAccepted()).as(line).isTrue();
        }
        List<Verdict> verdicts = new ArrayList<>();
        List<String> values = List.of("1234", "72555", "12345678", "123", "123456789", "0800123", "MyBank", "HSBC UK",
                "M&S", "Tesco.com", "DHL-Express", "1234567890A", "MyBankIsGreat", " MyBank", "MyBank ", "My  Bank",
                "----", "12 34", "B@nk", "Bank<1>", "Zürich", "My\tBank", "MyBank\n", "+MyBank", "+1234", "");
        for (String value : values) {
            String v = Samples.json(value);
            verdicts.add(judge(Samples.with(EventType.SMS, "aNumber", v)));
            verdicts.add(judge(Samples.with(EventType.SMS, "bNumber", v)));
            verdicts.add(judge(Samples.with(EventType.SMS, "subscriber", v)));
            verdicts.add(judge(Samples.voiceWith("aNumber", v)));
            verdicts.add(judge(Samples.voiceWith("bNumber", v)));
            verdicts.add(judge(Samples.with(EventType.CALL_FORWARD, "forwardTo", v)));
        }
        assertAgreement(verdicts);
        // 11 values are short codes or alphanumeric originators, and only the SMS A-number takes them.
        assertThat(verdicts.stream().filter(Verdict::parserValid).count()).isEqualTo(11);
    }

    /**
     * The contract changes only by optional forms: the SMS A-number still takes every E.164 number
     * (its first alternative is the E.164 definition itself) and every other number field still
     * refers to E.164 alone.
     */
    @Test
    void theSmsANumberGrewByOptionalFormsOnly() {
        JsonNode defs = schemaJson.get("$defs");
        assertThat(defs.get("SMS").get("properties").get("aNumber").get("$ref").asText()).isEqualTo("#/$defs/smsOriginator");
        JsonNode forms = defs.get("smsOriginator").get("anyOf");
        assertThat(forms.get(0).get("$ref").asText()).isEqualTo("#/$defs/e164");
        assertThat(forms).extracting(n -> n.get("$ref").asText())
                .containsExactly("#/$defs/e164", "#/$defs/shortCode", "#/$defs/alphanumericOriginator");
        for (String type : List.of("VOICE", "SMS", "CALL_FORWARD")) {
            defs.get(type).get("properties").fields().forEachRemaining(f -> {
                JsonNode ref = f.getValue().get("$ref");
                if (!(type.equals("SMS") && f.getKey().equals("aNumber"))
                        && List.of("subscriber", "aNumber", "bNumber", "forwardTo").contains(f.getKey())) {
                    assertThat(ref.asText()).as(type + "." + f.getKey()).isEqualTo("#/$defs/e164");
                }
            });
        }
        assertThat(defs.get("shortCode").get("pattern").asText()).isEqualTo("^[0-9]{" + EventLimits.SHORT_CODE_MIN
                + "," + EventLimits.SHORT_CODE_MAX + "}$");
        assertThat(defs.get("alphanumericOriginator").get("maxLength").asInt()).isEqualTo(EventLimits.ORIGINATOR_ALPHA_MAX);
    }

    /**
     * What JSON Schema cannot say, the parser still enforces. Listed so that the difference is a
     * decision on record; if the schema learns one of these, move the case to the agreement tests.
     */
    @Test
    void parserOnlyRules() {
        String voice = Samples.FULL.get(EventType.VOICE);
        String open = voice.substring(0, voice.length() - 1);
        List<String> parserOnly = List.of(
                open + ",\"aNumber\":\"+447700900002\"}",            // duplicate key: a JSON tree keeps one
                open + ",\"deep\":[[[[[[[[1]]]]]]]]}",               // nesting over 8 levels
                open + ",\"big\":0." + "1".repeat(40) + "}",         // number over 32 characters
                open + ",\"huge\":1e400}",                           // not a finite double
                open + ",\"note\":\"\\ud800\"}");                    // unpaired surrogate escape
        for (String line : parserOnly) {
            assertThat(schemaErrors(line)).as(line).isEmpty();
            assertThat(parser.parse(line).isAccepted()).as(line).isFalse();
        }
    }

    private static void assertAgreement(List<Verdict> verdicts) {
        List<String> disagreements = verdicts.stream()
                .filter(v -> v.schemaValid() != v.parserValid())
                .map(v -> (v.schemaValid() ? "schema accepts, parser rejects: " : "schema rejects, parser accepts: ")
                        + abbreviate(v.line()) + "\n    " + abbreviate(v.why()))
                .toList();
        assertThat(disagreements).as("%d of %d lines", disagreements.size(), verdicts.size()).isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /** Raw JSON values, each tried in every field: types, boundaries and shapes of every rule. */
    static List<String> valuePool() {
        List<String> raw = new ArrayList<>(List.of("null", "true", "false", "0", "1", "-1", "-0.0", "2.0", "2.5", "1e3",
                "99", "100", "699", "700", "31622400", "31622400.5", "1000000000", "1000000000.01",
                "9007199254740991", "9007199254740992", "123456789012345678901234567890", "{}", "[]", "[1]",
                "{\"a\":1}", "{\"a\":{\"b\":[\"c\"]}}"));
        List<String> strings = new ArrayList<>(List.of("", " ", "x", "MO", "MT", "mo", "RETAIL", "ONLINE",
                "CALL_CENTER", "UNCONDITIONAL", "BUSY", "NO_REPLY", "NOT_REACHABLE", "PREPAID", "POSTPAID",
                "+12345678", "+1234567", "+123456789012345", "+1234567890123456", "+0123456789", "12345678",
                "+44 7700 900001", "208-01", "208-015", "20801", "208-0", "2080-01",
                "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.1.1.1", "1.2.3", "1.2.3.4.5", "::1", ":", "::",
                "fe80::1%eth0", "2001:DB8::1", "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16",
                "REGISTER", "register", "INVITE", "sendRoutingInfoForSM", "send routing", "ULR", "1ULR", "a-b_c",
                "epc.mnc001.mcc208.3gppnetwork.org", "-host", ".host", "host_1", "ho st",
                "MyBank", "Bank & Co.", "MyBankIsGreat", "+12345", "+", "Bank<1>",
                "DEALER_7", "dealer", "7DEALER", "_X",
                "sha256:abc", "abc def", "YWJj+/==",
                "tab\tin", "nl\n", "del\u007f", "Zürich", "\uD83D\uDCDE".repeat(64), "\uD83D\uDCDE".repeat(65),
                "\uD83D\uDCDE".repeat(128), "\uD83D\uDCDE".repeat(129),
                "2026-03-01T12:00:00Z", "2026-03-01T12:00:00.123456789+00:00", "2026-03-01T12:00:00.1234567890Z",
                "2026-03-01T12:00:00+01:00", "2026-03-01T12:00:00", "2026-03-01 12:00:00Z", "2026-03-01t12:00:00z",
                "2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-03-01T24:00:00Z", "2026-03-01T23:59:60Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"));
        for (EventType t : EventType.values()) {
            strings.add(t.name());
        }
        for (int n : new int[]{1, 4, 5, 8, 11, 12, 13, 14, 15, 16, 17, 32, 33, 45, 46, 64, 65, 128, 129, 255, 256,
                257, 1024, 1025}) {
            strings.add("a".repeat(n));
            strings.add("7".repeat(n));
            strings.add("A".repeat(n));
        }
        strings.add("1.".repeat(30) + "1");
        strings.add("a:" + "f".repeat(43));
        strings.add("a:" + "f".repeat(44));
        for (String s : strings) {
            raw.add(Samples.json(s));
        }
        return raw;
    }
}
