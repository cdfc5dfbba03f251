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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Segment and monthly value per line, from billing or the CRM: what the disposition model weighs before barring
 * a customer; and, when the CRM exports them, when the account was opened and whether it is an enterprise's
 * (columns {@code accountOpened} and {@code enterprise}, optional: a table without them is read as before, every
 * line's age unknown and none an enterprise's). Longest MSISDN prefix wins; the row with an empty prefix is the
 * default. One instance is shared by every pipeline of a service, and an approved customer-data change
 * {@link #replaceWith replaces} its table for the next decision (the table, its version and its text in one step).
 */
public final class CustomerSegments {
    public static final String FILE = "subscriber-segments.csv";
    private static final Set<String> SEGMENTS = Set.of("CONSUMER", "BUSINESS", "VIP", "TEST");
    private static final Pattern DIGITS = Pattern.compile("\\d{0,15}");

    /**
     * @param accountOpened the day the account was opened, null when the CRM does not say
     * @param enterprise    a line of an enterprise account (a company's PBX, trunk or fleet)
     */
    public record Segment(String segment, double monthlyValue, LocalDate accountOpened, boolean enterprise) {
        public Segment(String segment, double monthlyValue) {
            this(segment, monthlyValue, null, false);
        }

        /** Whole days from the account's opening to {@code atMillis}; null when unknown (or opened later). */
        public Integer accountAgeDays(long atMillis) {
            if (accountOpened == null) {
                return null;
            }
            long days = Math.floorDiv(atMillis, 86_400_000L) - accountOpened.toEpochDay();
            return days < 0 ? null : (int) Math.min(days, Integer.MAX_VALUE);
        }
    }

    static final String[] HEADER = {"msisdnPrefix", "segment", "monthlyValue", "note"};
    static final String[] HEADER_WITH_ACCOUNT = {"msisdnPrefix", "segment", "monthlyValue", "accountOpened", "enterprise",
            "note"};

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
            table = CsvTable.read(name, new java.io.StringReader(text), withAccount(text) ? HEADER_WITH_ACCOUNT : HEADER);
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
            LocalDate opened = null;
            boolean enterprise = false;
            if (table.header().size() == HEADER_WITH_ACCOUNT.length) {
                String day = row.get(3).strip();
                if (!day.isEmpty()) {
                    try {
                        opened = LocalDate.parse(day);
                    } catch (DateTimeParseException e) {
                        throw new ReferenceDataException(where + "accountOpened must be a day as 2024-05-31 or empty, not '"
                                + day + "'");
                    }
                }
                String flag = row.get(4).strip();
                if (!flag.isEmpty() && !flag.equals("true") && !flag.equals("false")) {
                    throw new ReferenceDataException(where + "enterprise must be true, false or empty, not '" + flag + "'");
                }
                enterprise = flag.equals("true");
            }
            if (rows.put(prefix, new Segment(segment, value, opened, enterprise)) != null) {
                throw new ReferenceDataException(where + "prefix '" + prefix + "' listed twice");
            }
        }
        if (!rows.containsKey("")) {
            throw new ReferenceDataException(name + ": needs a default row with an empty msisdnPrefix");
        }
        return new CustomerSegments(rows, table.version(), text);
    }

    /** Whether the header line (the first that is not a comment) carries the account columns. */
    private static boolean withAccount(String text) {
        for (String line : text.split("\\R")) {
            String l = line.replace("\uFEFF", "").strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            return l.replace(" ", "").startsWith("msisdnPrefix,segment,monthlyValue,accountOpened");
        }
        return false;
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
