package io.ringfence.mediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the CSV lines of one file into contract events through a {@link ColumnMapping}. Each row becomes
 * the contract's JSON and then goes through the same {@link EventParser} as a Kafka record, so a CSV row
 * is accepted or rejected exactly as the same event on the topic would be.
 */
final class CsvCdrs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ColumnMapping mapping;
    private final EventParser parser;
    /** Prefix of the event ids made for rows without an id column: the same file gives the same ids. */
    private final String idPrefix;
    private Map<String, Integer> index;

    CsvCdrs(ColumnMapping mapping, EventParser parser, String checksum) {
        this.mapping = mapping;
        this.parser = parser;
        this.idPrefix = "cdr-" + checksum.substring(0, 16) + "-";
        if (!mapping.header) {
            index = new HashMap<>();
            mapping.columns.forEach((f, c) -> index.put(f, Integer.parseInt(c) - 1));
        }
    }

    /** True when the line was the header (and has set the column positions). */
    boolean header(String line) throws FileRejected {
        if (index != null) {
            return false;
        }
        List<String> names = CsvLine.split(line, mapping.delimiter);
        if (names == null) {
            throw new FileRejected("the header line has an unclosed quote");
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.putIfAbsent(names.get(i).trim().toUpperCase(Locale.ROOT), i);
        }
        index = new HashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        for (String field : ColumnMapping.FIELDS) {
            String column = mapping.columns.get(field);
            if (column == null) {
                continue;
            }
            Integer at = byName.get(column.toUpperCase(Locale.ROOT));
            if (at == null) {
                missing.add("'" + column + "' (column." + field + ")");
            } else {
                index.put(field, at);
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRejected("the header has no column " + String.join(", ", missing) + " of the mapping; it has "
                    + names);
        }
        return true;
    }

    Row row(long lineNo, byte[] original) {
        String line = new String(original, StandardCharsets.UTF_8);
        List<String> cells = CsvLine.split(line, mapping.delimiter);
        if (cells == null) {
            return Row.rejected(lineNo, original, null, "unclosed quote");
        }
        try {
            ObjectNode event = event(cells, lineNo);
            byte[] json = JSON.writeValueAsBytes(event);
            ParseResult result = parser.parse(json);
            if (result instanceof ParseResult.Rejected r) {
                return Row.rejected(lineNo, original, r.field(), r.reason());
            }
            return Row.event(lineNo, original, event.get("subscriber").asText().getBytes(StandardCharsets.UTF_8), json);
        } catch (BadCell e) {
            return Row.rejected(lineNo, original, e.field, e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Row.rejected(lineNo, original, null, "cannot write the event: " + e.getOriginalMessage());
        }
    }

    private ObjectNode event(List<String> cells, long lineNo) throws BadCell {
        ColumnMapping.CallType callType = callType(cell(cells, "callType"));
        String a = number(cells, "aNumber");
        String b = number(cells, "bNumber");
        ObjectNode e = JSON.createObjectNode();
        String id = cell(cells, "eventId");
        e.put("eventId", id == null ? idPrefix + lineNo : id);
        e.put("type", callType.type());
        e.put("timestamp", start(cell(cells, "start")).toString());
        // The home-network party: the caller of an originating record, the called party of a terminating one.
        e.put("subscriber", callType.direction().equals("MO") ? a : b);
        e.put("direction", callType.direction());
        e.put("aNumber", a);
        e.put("bNumber", b);
        if (callType.type().equals("VOICE")) {
            BigDecimal duration = duration(cell(cells, "duration"));
            String answered = cell(cells, "answered");
            e.put("answered", answered == null
                    ? duration.signum() > 0
                    : mapping.answeredValues.contains(answered.toUpperCase(Locale.ROOT)));
            e.put("durationSeconds", duration);
        }
        putIfPresent(e, "imsi", cell(cells, "imsi"));
        putIfPresent(e, "imei", cell(cells, "imei"));
        putIfPresent(e, "cellId", cell(cells, "cell"));
        putIfPresent(e, "trunk", cell(cells, "trunk"));
        return e;
    }

    private String cell(List<String> cells, String field) throws BadCell {
        Integer at = index.get(field);
        if (at == null) {
            return null;
        }
        if (at >= cells.size()) {
            throw new BadCell(null, "the row has " + cells.size() + " columns, the mapping reads column " + (at + 1)
                    + " for " + field);
        }
        String v = cells.get(at).trim();
        return v.isEmpty() ? null : v;
    }

    private ColumnMapping.CallType callType(String value) throws BadCell {
        if (value == null) {
            if (mapping.defaultCallType == null) {
                throw new BadCell("type", "no call type (column " + mapping.columns.get("callType") + " is empty)");
            }
            return mapping.defaultCallType;
        }
        ColumnMapping.CallType t = mapping.callTypes.get(value.toUpperCase(Locale.ROOT));
        if (t == null) {
            throw new BadCell("type", "call type '" + value + "' has no callType entry in the mapping");
        }
        return t;
    }

    /** Switches write numbers as dialled or in national form; the contract wants E.164 with its '+'. */
    private String number(List<String> cells, String field) throws BadCell {
        String raw = cell(cells, field);
        if (raw == null) {
            throw new BadCell(field, "required (column " + mapping.columns.get(field) + " is empty)");
        }
        String n = raw.replace(" ", "");
        if (n.startsWith("+")) {
            return n;
        }
        if (!mapping.internationalPrefix.isEmpty() && n.startsWith(mapping.internationalPrefix)) {
            return "+" + n.substring(mapping.internationalPrefix.length());
        }
        if (mapping.nationalPrefix != null && n.startsWith(mapping.nationalPrefix)) {
            return "+" + mapping.countryCode + n.substring(mapping.nationalPrefix.length());
        }
        // Digits without a prefix: already international (country code first), as most mediation output is.
        return "+" + n;
    }

    private Instant start(String value) throws BadCell {
        if (value == null) {
            throw new BadCell("timestamp", "required (column " + mapping.columns.get("start") + " is empty)");
        }
        ColumnMapping.StartFormat f = mapping.startFormat;
        try {
            return switch (f.kind()) {
                case "epoch-seconds" -> Instant.ofEpochSecond(Long.parseLong(value));
                case "epoch-millis" -> Instant.ofEpochMilli(Long.parseLong(value));
                case "pattern" -> LocalDateTime.parse(value, f.pattern()).atZone(f.zone()).toInstant();
                default -> iso(value, f);
            };
        } catch (RuntimeException e) {
            throw new BadCell("timestamp", "start '" + value + "' is not in the mapping's start.format");
        }
    }

    private static Instant iso(String value, ColumnMapping.StartFormat f) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
        } catch (RuntimeException noOffset) {
            return LocalDateTime.parse(value).atZone(f.zone()).toInstant();
        }
    }

    private BigDecimal duration(String value) throws BadCell {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal d = new BigDecimal(value);
            return mapping.durationInMillis ? d.movePointLeft(3) : d;
        } catch (NumberFormatException e) {
            throw new BadCell("durationSeconds", "duration '" + value + "' is not a number");
        }
    }

    private static void putIfPresent(ObjectNode e, String name, String value) {
        if (value != null) {
            e.put(name, value);
        }
    }

    /** A cell that cannot become the contract field it maps to. */
    private static final class BadCell extends Exception {
        final String field;

        BadCell(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
