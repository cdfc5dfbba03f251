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
 * Segment and monthly value per line, from billing or the CRM: what the disposition model weighs before barring
 * a customer. Longest MSISDN prefix wins; the row with an empty prefix is the default. One instance is shared by
 * every pipeline of a service, and an approved customer-data change {@link #replaceWith replaces} its table for the
 * next decision (the table, its version and its text in one step).
 */
public final class CustomerSegments {
    public static final String FILE = "subscriber-segments.csv";
    private static final Set<String> SEGMENTS = Set.of("CONSUMER", "BUSINESS", "VIP", "TEST");
    private static final Pattern DIGITS = Pattern.compile("\\d{0,15}");

    public record Segment(String segment, double monthlyValue) {
    }

    /** One table as read from one file. */
    private record Table(Map<String, Segment> byPrefix, int longestPrefix, String version, String text) {
    }

    private volatile Table table;

    private CustomerSegments(Table table) {
        this.table = table;
    }

    private CustomerSegments(Map<String, Segment> byPrefix, String version, String text) {
        this(new Table(Map.copyOf(byPrefix), byPrefix.keySet().stream().mapToInt(String::length).max().orElse(0),
                version, text));
    }

    /** Puts another table in force here: the next lookup reads it. */
    public void replaceWith(CustomerSegments other) {
        this.table = other.table;
    }

    /** A copy that keeps this table whatever replaces it later (a backtest side, a rollback target). */
    public CustomerSegments snapshot() {
        return new CustomerSegments(table);
    }

    /** The file this table was read from, as text (the shape a customer-data change takes). */
    public String text() {
        return table.text();
    }

    /**
     * Checks and reads a table from its text, as a file would be read.
     *
     * @throws ReferenceDataException naming {@code name} and the line of the first bad row
     */
    public static CustomerSegments parse(String name, String text) {
        return read(name, new java.io.StringReader(text));
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
        String text;
        try {
            text = readAll(source);
            table = CsvTable.read(name, new java.io.StringReader(text), "msisdnPrefix", "segment", "monthlyValue", "note");
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
        return new CustomerSegments(rows, table.version(), text);
    }

    private static String readAll(Reader source) throws IOException {
        try (Reader r = source) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            return b.toString();
        }
    }

    public Segment of(String msisdn) {
        Table t = table;
        String digits = msisdn != null && msisdn.startsWith("+") ? msisdn.substring(1) : String.valueOf(msisdn);
        for (int len = Math.min(t.longestPrefix(), digits.length()); len > 0; len--) {
            Segment s = t.byPrefix().get(digits.substring(0, len));
            if (s != null) {
                return s;
            }
        }
        return t.byPrefix().get("");
    }

    public String version() {
        return table.version();
    }
}
