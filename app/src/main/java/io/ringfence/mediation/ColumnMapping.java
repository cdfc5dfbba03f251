package io.ringfence.mediation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a switch's CSV CDRs keep each field Ringfence needs, read from a {@code .properties} file
 * (docs/integration.md has the format and deploy/mediation/ an example). Every switch vendor names and
 * orders its CDR columns differently, and mediation platforms reorder them again; a mapping per feed is
 * cheaper for an operator than a converter per vendor.
 */
public final class ColumnMapping {
    /** The CDR fields a mapping can name, as they appear after {@code column.}. */
    static final List<String> FIELDS = List.of("eventId", "aNumber", "bNumber", "start", "duration", "answered",
            "imsi", "imei", "cell", "trunk", "callType");
    private static final Set<String> REQUIRED = Set.of("aNumber", "bNumber", "start");

    final boolean header;
    final char delimiter;
    /** CDR field to the column's header name, or to its 1-based position as text when there is no header. */
    final Map<String, String> columns;
    final StartFormat startFormat;
    final boolean durationInMillis;
    final Set<String> answeredValues;
    /** A call-type column's value (upper case) to the contract's type and direction. */
    final Map<String, CallType> callTypes;
    /** When the file has no call-type column, or the value is empty. */
    final CallType defaultCallType;
    final String internationalPrefix;
    final String nationalPrefix;
    final String countryCode;

    record CallType(String type, String direction) {
    }

    /** How the start column is written: an ISO instant, epoch seconds or milliseconds, or a pattern in a zone. */
    record StartFormat(String kind, DateTimeFormatter pattern, ZoneId zone) {
    }

    private ColumnMapping(Properties p) {
        List<String> problems = new ArrayList<>();
        Set<String> known = new TreeSet<>(Set.of("header", "delimiter", "start.format", "start.zone", "duration.unit",
                "answered.values", "callType.default", "numbers.international-prefix", "numbers.national-prefix",
                "numbers.country-code"));
        FIELDS.forEach(f -> known.add("column." + f));
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key) && !key.startsWith("callType.")) {
                problems.add("unknown key '" + key + "'");
            }
        }
        header = Boolean.parseBoolean(p.getProperty("header", "true").trim());
        String d = p.getProperty("delimiter", ",");
        d = d.equals("\\t") || d.equalsIgnoreCase("tab") ? "\t" : d;
        if (d.length() != 1 || d.charAt(0) == '"') {
            problems.add("delimiter must be one character other than the quote (or 'tab'): '" + d + "'");
        }
        delimiter = d.isEmpty() ? ',' : d.charAt(0);
        columns = new HashMap<>();
        for (String f : FIELDS) {
            String c = p.getProperty("column." + f);
            if (c != null && !c.isBlank()) {
                c = c.trim();
                if (!header && !c.matches("[1-9][0-9]{0,3}")) {
                    problems.add("column." + f + " must be a 1-based column number when header=false: '" + c + "'");
                }
                columns.put(f, c);
            } else if (REQUIRED.contains(f)) {
                problems.add("column." + f + " is required");
            }
        }
        startFormat = startFormat(p.getProperty("start.format", "iso").trim(), p.getProperty("start.zone", "UTC").trim(),
                problems);
        String unit = p.getProperty("duration.unit", "seconds").trim();
        if (!unit.equals("seconds") && !unit.equals("milliseconds")) {
            problems.add("duration.unit must be seconds or milliseconds: '" + unit + "'");
        }
        durationInMillis = unit.equals("milliseconds");
        answeredValues = new TreeSet<>();
        for (String v : p.getProperty("answered.values", "1,Y,YES,TRUE,ANSWERED").split(",")) {
            answeredValues.add(v.trim().toUpperCase(Locale.ROOT));
        }
        callTypes = new HashMap<>();
        CallType fallback = null;
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith("callType.")) {
                continue;
            }
            CallType t = callType(key, p.getProperty(key), problems);
            if (key.equals("callType.default")) {
                fallback = t;
            } else {
                callTypes.put(key.substring("callType.".length()).toUpperCase(Locale.ROOT), t);
            }
        }
        defaultCallType = fallback;
        if (!columns.containsKey("callType") && fallback == null) {
            problems.add("either column.callType (with callType.VALUE=TYPE DIRECTION entries) or callType.default is required");
        }
        if (columns.containsKey("callType") && callTypes.isEmpty() && fallback == null) {
            problems.add("column.callType needs at least one callType.VALUE=TYPE DIRECTION entry");
        }
        internationalPrefix = p.getProperty("numbers.international-prefix", "00").trim();
        nationalPrefix = blankToNull(p.getProperty("numbers.national-prefix"));
        countryCode = blankToNull(p.getProperty("numbers.country-code"));
        if ((nationalPrefix == null) != (countryCode == null)) {
            problems.add("numbers.national-prefix and numbers.country-code go together");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Reads and checks a mapping file.
     *
     * @throws IllegalArgumentException naming every problem of the file at once
     * @throws IOException              when it cannot be read
     */
    public static ColumnMapping load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new ColumnMapping(p);
    }

    static ColumnMapping of(Properties p) {
        return new ColumnMapping(p);
    }

    private static StartFormat startFormat(String format, String zone, List<String> problems) {
        ZoneId z = ZoneId.of("UTC");
        try {
            z = ZoneId.of(zone);
        } catch (RuntimeException e) {
            problems.add("start.zone is not a time zone: '" + zone + "'");
        }
        switch (format) {
            case "iso", "epoch-seconds", "epoch-millis" -> {
                return new StartFormat(format, null, z);
            }
            default -> {
                try {
                    return new StartFormat("pattern", DateTimeFormatter.ofPattern(format, Locale.ROOT), z);
                } catch (RuntimeException e) {
                    problems.add("start.format is neither iso, epoch-seconds, epoch-millis nor a date-time pattern: '"
                            + format + "'");
                    return new StartFormat("iso", null, z);
                }
            }
        }
    }

    private static CallType callType(String key, String value, List<String> problems) {
        String[] parts = value.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (parts.length != 2 || !Set.of("VOICE", "SMS").contains(parts[0]) || !Set.of("MO", "MT").contains(parts[1])) {
            problems.add(key + " must be 'VOICE MO', 'VOICE MT', 'SMS MO' or 'SMS MT': '" + value.trim() + "'");
            return new CallType("VOICE", "MO");
        }
        return new CallType(parts[0], parts[1]);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
