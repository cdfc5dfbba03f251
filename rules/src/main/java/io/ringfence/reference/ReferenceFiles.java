package io.ringfence.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of the three reference lists as one snapshot was read from: what an analyst edits in a reference-data
 * change, and what the service serves back, so that the lists in force can always be read as files.
 */
public record ReferenceFiles(String ranges, String testNumbers, String simboxTacs) {
    /** The file names, in the order changes and the API list them. */
    public static final List<String> NAMES = List.of(ReferenceDataLoader.RANGES, ReferenceDataLoader.TEST_NUMBERS,
            ReferenceDataLoader.SIMBOX_TACS);

    public ReferenceFiles {
        if (ranges == null || testNumbers == null || simboxTacs == null) {
            throw new IllegalArgumentException("all three reference files are needed");
        }
    }

    public String get(String name) {
        return switch (name) {
            case ReferenceDataLoader.RANGES -> ranges;
            case ReferenceDataLoader.TEST_NUMBERS -> testNumbers;
            case ReferenceDataLoader.SIMBOX_TACS -> simboxTacs;
            default -> throw new IllegalArgumentException("'" + name + "' is not a reference file; they are " + NAMES);
        };
    }

    /** This snapshot with one file replaced. */
    public ReferenceFiles with(String name, String text) {
        get(name);
        return new ReferenceFiles(name.equals(ReferenceDataLoader.RANGES) ? text : ranges,
                name.equals(ReferenceDataLoader.TEST_NUMBERS) ? text : testNumbers,
                name.equals(ReferenceDataLoader.SIMBOX_TACS) ? text : simboxTacs);
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        NAMES.forEach(n -> m.put(n, get(n)));
        return m;
    }
}
