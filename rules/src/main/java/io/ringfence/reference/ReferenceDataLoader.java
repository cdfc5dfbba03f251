package io.ringfence.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the reference files: from a directory when one is given (operators keep their own copies
 * there), otherwise the versioned defaults shipped on the classpath under {@code reference/}.
 * The network profile is a separate file because replay and the service take it as an argument.
 */
public final class ReferenceDataLoader {
    public static final String RANGES = "high-risk-ranges.csv";
    public static final String TEST_NUMBERS = "irsf-test-numbers.csv";
    public static final String SIMBOX_TACS = "simbox-tacs.csv";
    public static final String DEMO_NETWORK = "demo-network.json";

    private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern TAC = Pattern.compile("\\d{8}");
    private static final ObjectMapper JSON = new ObjectMapper()
            // The contract grows only by optional fields: a newer profile must load in an older build.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path directory;
    private final Path networkFile;

    /**
     * @param directory   folder holding the CSV files, or null for the shipped defaults
     * @param networkFile network profile JSON, or null for the demo network
     */
    public ReferenceDataLoader(Path directory, Path networkFile) {
        this.directory = directory;
        this.networkFile = networkFile;
    }

    public static ReferenceDataLoader defaults() {
        return new ReferenceDataLoader(null, null);
    }

    public ReferenceData load() {
        return parse(files(), network(), where());
    }

    /**
     * Whether a value is well-formed as the key of a list (an E.164 number for the IRSF test numbers, 8 digits for
     * the SIM-box TACs), as the checks of a whole file judge it: for a feed imported into a list line by line.
     */
    public static boolean wellFormedKey(String file, String value) {
        return switch (file) {
            case TEST_NUMBERS -> value != null && E164.matcher(value).matches();
            case SIMBOX_TACS -> value != null && TAC.matcher(value).matches();
            default -> throw new IllegalArgumentException("no feed imports into " + file);
        };
    }

    /** Where the files are, as error messages put it before a file's name. */
    String where() {
        return directory == null ? "classpath:reference/" : directory + "/";
    }

    /** The three lists' text as they are now in the folder (or the jar). */
    public ReferenceFiles files() {
        return new ReferenceFiles(text(RANGES), text(TEST_NUMBERS), text(SIMBOX_TACS));
    }

    /** The network profile, with a read failure as a {@link ReferenceDataException}. */
    public NetworkProfile network() {
        try {
            return loadNetwork();
        } catch (IOException e) {
            throw new ReferenceDataException("cannot read the network profile: " + e, e);
        }
    }

    /**
     * Checks and builds a snapshot from the lists' text: the loader's files and a reference-data change go through
     * the same checks, so nothing that would not load from a folder can go live from a change.
     *
     * @param where what error messages put before a file's name (a folder, or "change ...: ")
     */
    public static ReferenceData parse(ReferenceFiles files, NetworkProfile network, String where) {
        try {
            CsvTable ranges = CsvTable.read(where + RANGES, new StringReader(files.ranges()),
                    "prefix", "country", "risk", "category", "note");
            CsvTable tests = CsvTable.read(where + TEST_NUMBERS, new StringReader(files.testNumbers()),
                    "number", "note");
            CsvTable tacs = CsvTable.read(where + SIMBOX_TACS, new StringReader(files.simboxTacs()),
                    "tac", "model", "note");
            String version = "ranges@" + ranges.version() + ",tests@" + tests.version()
                    + ",tacs@" + tacs.version();
            return new ReferenceData(version, network, ranges(ranges), testNumbers(tests), tacs(tacs));
        } catch (IOException e) {
            throw new ReferenceDataException("cannot read reference data: " + e, e);
        }
    }

    private String text(String file) {
        try (InputStream in = directory == null ? classpath(file) : Files.newInputStream(directory.resolve(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ReferenceDataException("reference file not found: " + e.getFile(), e);
        } catch (IOException e) {
            throw new ReferenceDataException("cannot read reference data: " + e, e);
        }
    }

    public NetworkProfile loadNetwork() throws IOException {
        String name = networkFile == null ? "classpath:reference/" + DEMO_NETWORK : networkFile.toString();
        try (InputStream in = networkFile == null ? classpath(DEMO_NETWORK) : Files.newInputStream(networkFile)) {
            NetworkProfile p = JSON.readValue(in, NetworkProfile.class);
            if (p.countryCode() == null || !DIGITS.matcher(p.countryCode()).matches() || p.countryCode().length() > 3) {
                throw new ReferenceDataException(name + ": countryCode must be 1-3 digits");
            }
            return p;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ReferenceDataException(name + ": " + e.getOriginalMessage(), e);
        }
    }

    private static InputStream classpath(String file) throws IOException {
        InputStream in = ReferenceDataLoader.class.getClassLoader().getResourceAsStream("reference/" + file);
        if (in == null) {
            throw new IOException("reference/" + file + " is not on the classpath");
        }
        return in;
    }

    private static HighRiskRanges ranges(CsvTable t) {
        List<HighRiskRanges.Range> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows()) {
            String prefix = row.get(0);
            if (!DIGITS.matcher(prefix).matches()) {
                throw t.error(row, "prefix must be 1-15 digits without '+', got '" + prefix + "'");
            }
            double risk;
            try {
                risk = Double.parseDouble(row.get(2));
            } catch (NumberFormatException e) {
                throw t.error(row, "risk must be a number between 0 and 1, got '" + row.get(2) + "'");
            }
            if (!(risk > 0 && risk <= 1)) {
                throw t.error(row, "risk must be in (0, 1], got " + risk);
            }
            out.add(new HighRiskRanges.Range(prefix, row.get(1), risk, row.get(3), row.get(4)));
        }
        return new HighRiskRanges(out);
    }

    private static Set<String> testNumbers(CsvTable t) {
        Set<String> out = new HashSet<>();
        for (CsvTable.Row row : t.rows()) {
            if (!E164.matcher(row.get(0)).matches()) {
                throw t.error(row, "number must be E.164 ('+' and 8-15 digits), got '" + row.get(0) + "'");
            }
            out.add(row.get(0));
        }
        return Set.copyOf(out);
    }

    private static Set<String> tacs(CsvTable t) {
        Set<String> out = new HashSet<>();
        for (CsvTable.Row row : t.rows()) {
            if (!TAC.matcher(row.get(0)).matches()) {
                throw t.error(row, "tac must be 8 digits, got '" + row.get(0) + "'");
            }
            out.add(row.get(0));
        }
        return Set.copyOf(out);
    }
}
