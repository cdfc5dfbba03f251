package io.ringfence.decision;

import io.ringfence.reference.CsvTable;
import io.ringfence.reference.ReferenceDataException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Segment and monthly value per line, from billing: what the disposition model weighs before barring
 * a customer. Longest MSISDN prefix wins; the row with an empty prefix is the default.
 */
public final class CustomerSegments {
    public static final String FILE = "subscriber-segments.csv";
    private static final Set<String> SEGMENTS = Set.of("CONSUMER", "BUSINESS", "VIP", "TEST");
    private static final Pattern DIGITS = Pattern.compile("\\d{0,15}");

    public record Segment(String segment, double monthlyValue) {
    }

    private final Map<String, Segment> byPrefix;
    private final int longestPrefix;
    private final String version;

    private CustomerSegments(Map<String, Segment> byPrefix, String version) {
        this.byPrefix = Map.copyOf(byPrefix);
        this.longestPrefix = byPrefix.keySet().stream().mapToInt(String::length).max().orElse(0);
        this.version = version;
    }

    /** The demo list shipped in the jar. */
    public static CustomerSegments shipped() {
        InputStream in = CustomerSegments.class.getClassLoader().getResourceAsStream("reference/" + FILE);
        if (in == null) {
            throw new IllegalStateException("reference/" + FILE + " missing from the classpath");
        }
        return read("classpath:reference/" + FILE, new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    public static CustomerSegments load(Path file) {
        try {
            return read(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReferenceDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws ReferenceDataException naming the file and line of the first bad row */
    static CustomerSegments read(String name, Reader source) {
        CsvTable table;
        try {
            table = CsvTable.read(name, source, "msisdnPrefix", "segment", "monthlyValue", "note");
        } catch (IOException e) {
            throw new ReferenceDataException("cannot read " + name + ": " + e.getMessage(), e);
        }
        Map<String, Segment> rows = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String where = name + ":" + row.line() + ": ";
            String prefix = row.get(0).startsWith("+") ? row.get(0).substring(1) : row.get(0);
            if (!DIGITS.matcher(prefix).matches()) {
                throw new ReferenceDataException(where + "msisdnPrefix must be up to 15 digits, not '" + row.get(0) + "'");
            }
            String segment = row.get(1);
            if (!SEGMENTS.contains(segment)) {
                throw new ReferenceDataException(where + "segment must be one of " + SEGMENTS + ", not '" + segment + "'");
            }
            double value;
            try {
                value = Double.parseDouble(row.get(2));
            } catch (NumberFormatException e) {
                throw new ReferenceDataException(where + "monthlyValue must be a number, not '" + row.get(2) + "'");
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new ReferenceDataException(where + "monthlyValue must be zero or more");
            }
            if (rows.put(prefix, new Segment(segment, value)) != null) {
                throw new ReferenceDataException(where + "prefix '" + prefix + "' listed twice");
            }
        }
        if (!rows.containsKey("")) {
            throw new ReferenceDataException(name + ": needs a default row with an empty msisdnPrefix");
        }
        return new CustomerSegments(rows, table.version());
    }

    public Segment of(String msisdn) {
        String digits = msisdn != null && msisdn.startsWith("+") ? msisdn.substring(1) : String.valueOf(msisdn);
        for (int len = Math.min(longestPrefix, digits.length()); len > 0; len--) {
            Segment s = byPrefix.get(digits.substring(0, len));
            if (s != null) {
                return s;
            }
        }
        return byPrefix.get("");
    }

    public String version() {
        return version;
    }
}
